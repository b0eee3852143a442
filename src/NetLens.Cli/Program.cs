using NetLens.Cli.Hosting;

// Buffered stdout: the 200k-route listing writes megabytes, and a flush per line would dominate.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
var exitCode = NetLensApp.Run(args, new CliOutput(stdout, Console.Error, Console.IsOutputRedirected));
stdout.Flush();
return exitCode;
