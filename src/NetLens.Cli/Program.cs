using System.Text;
using NetLens.Cli.Hosting;
using NetLens.Linux.Processes;

// First, before anything opens a descriptor: a closed stdout must not become the first socket netlens opens.
var standard = StandardStreams.Claim();
var utf8 = new UTF8Encoding(false);

// Buffered stdout: the 200k-route listing writes megabytes, and a flush per line would dominate.
// Not disposed: a flush at disposal could meet a closed pipe after the handler below has run.
var stdout = new StreamWriter(new FileDescriptorStream(1, standard.OutputClosed), utf8, 1 << 16) { AutoFlush = false };

// stderr never throws: when it is full or closed there is nowhere left to say anything, and the exit code still tells.
var stderr = new StreamWriter(new FileDescriptorStream(2, standard.ErrorClosed, dropOnError: true), utf8) { AutoFlush = true };
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
catch (OutputFailedException e)
{
    // `> /dev/full`, `>&-`: the answer is lost, so the command failed.
    stderr.WriteLine($"netlens: error: {e.Message} (the answer was not written; send it to a file or pipe that can take it)");
    return ExitCodes.Failure;
}
