using System.Text;
using NetLens.Cli.Hosting;
using NetLens.Linux.Processes;

var utf8 = new UTF8Encoding(false);

// Buffered stdout: the 200k-route listing writes megabytes, and a flush per line would dominate.
// Not disposed: a flush at disposal could meet a closed pipe after the handler below has run.
var stdout = new StreamWriter(new FileDescriptorStream(1), utf8, 1 << 16) { AutoFlush = false };
var stderr = new StreamWriter(new FileDescriptorStream(2), utf8) { AutoFlush = true };
using var interruption = Interruption.Listen();
try
{
    var exitCode = NetLensApp.Run(args, new CliOutput(stdout, stderr, Console.IsOutputRedirected, !Console.IsErrorRedirected, interruption));
    stdout.Flush();
    return exitCode;
}
catch (BrokenPipeException)
{
    // `netlens routes | head`: the reader has all it wanted.
    return ExitCodes.Success;
}
