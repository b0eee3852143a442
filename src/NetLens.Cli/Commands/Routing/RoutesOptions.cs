using System.Net.Sockets;

namespace NetLens.Cli.Commands.Routing;

/// <summary>How `netlens routes` prints.</summary>
public enum RoutesFormat
{
    /// <summary>netlens's table: every table, with Origin.</summary>
    Table,

    /// <summary>Byte for byte what `ip route` (or `ip -6 route`) prints.</summary>
    Ip,

    /// <summary>Byte for byte what `route -n` (or `route -n -A inet6`) prints.</summary>
    Route,
}

/// <summary>`netlens routes` as typed values.</summary>
public sealed record RoutesOptions
{
    public AddressFamily? Family { get; init; }

    /// <summary>"all", a table name or a number; null means the format's own default (all for netlens's table, main for ip/route).</summary>
    public string? Table { get; init; }

    public RoutesFormat Format { get; init; } = RoutesFormat.Table;

    public bool Json { get; init; }

    /// <summary>--verbose: say on stderr which mechanism answered.</summary>
    public bool Verbose { get; init; }

    /// <summary>-w: on a terminal, every column and whole values (no fitting to the terminal's width).</summary>
    public bool Wide { get; init; }

    public string? Netns { get; init; }

    /// <summary>--check: report what is wrong or surprising; exit 1 when something was found.</summary>
    public bool Check { get; init; }

    /// <summary>--watch: follow route, rule and address changes until interrupted.</summary>
    public bool Watch { get; init; }

    /// <summary>--count N with --watch: stop after N events.</summary>
    public int? WatchCount { get; init; }

    /// <summary>--save FILE: write rules, routes, links and addresses to a snapshot file.</summary>
    public string? SavePath { get; init; }

    /// <summary>--diff FILE: what changed since the snapshot.</summary>
    public string? DiffPath { get; init; }
}
