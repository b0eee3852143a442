using NetLens.Cli.Hosting;

namespace NetLens.Lab.Tests;

/// <summary>What one netlens invocation printed and returned.</summary>
public sealed record NetLensRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the netlens command line in this process, as a user would call it, capturing its output.</summary>
public static class NetLensRunner
{
    public static NetLensRun Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return new NetLensRun(code, stdout.ToString(), stderr.ToString());
    }
}
