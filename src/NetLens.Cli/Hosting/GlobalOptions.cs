using System.CommandLine;

namespace NetLens.Cli.Hosting;

/// <summary>Options every command takes.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document instead of text",
        Recursive = true,
    };

    // No -n alias: ss and mtr users type -n for "numeric", and sockets/trace keep that meaning.
    public static readonly Option<string?> Netns = new("--netns")
    {
        Description = "Answer inside this network namespace (a name under /run/netns, or a path such as /proc/PID/ns/net)",
        HelpName = "NAME",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Say which mechanism answered and what was asked of the kernel",
        Recursive = true,
    };

    public static readonly Option<bool> Debug = new("--debug")
    {
        Description = "Show stack traces on errors",
        Recursive = true,
    };
}
