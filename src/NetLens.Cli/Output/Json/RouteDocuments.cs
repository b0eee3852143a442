namespace NetLens.Cli.Output.Json;

/// <summary>`netlens routes --json`: every route of the selected tables, each with its origin.</summary>
public sealed record RoutesDocument(IReadOnlyList<RouteJson> Routes);

/// <summary>One route in JSON. Names as ip prints them; numbers where scripts compare numbers.</summary>
public sealed record RouteJson
{
    public required string Family { get; init; }

    public required string Type { get; init; }

    /// <summary>"default" or a prefix "198.18.0.0/15"; host routes keep their /32 or /128.</summary>
    public required string Destination { get; init; }

    public string? Source { get; init; }

    public string? Gateway { get; init; }

    public string? Device { get; init; }

    public required string Table { get; init; }

    public required uint TableId { get; init; }

    public required string Protocol { get; init; }

    public uint? Metric { get; init; }

    public required string Scope { get; init; }

    public string? PreferredSource { get; init; }

    public IReadOnlyList<string> Flags { get; init; } = [];

    public IReadOnlyList<NexthopJson>? Nexthops { get; init; }

    public required OriginJson Origin { get; init; }

    /// <summary>The same route as `ip route` prints it.</summary>
    public required string Ip { get; init; }
}

public sealed record NexthopJson(string? Gateway, string? Device, int Weight, IReadOnlyList<string> Flags);

public sealed record OriginJson(string Kind, string Label, string Reason);

/// <summary>`netlens route get --json`.</summary>
public sealed record RouteGetDocument
{
    public required RouteQueryJson Query { get; init; }

    public required bool Found { get; init; }

    /// <summary>The first line `ip route get` prints.</summary>
    public string? Line { get; init; }

    /// <summary>The kernel's reason when there is no route, in ip's words.</summary>
    public string? Error { get; init; }

    public int? Errno { get; init; }

    /// <summary>The resolved answer: where the packet goes.</summary>
    public RouteAnswerJson? Answer { get; init; }

    /// <summary>The policy rule that led to the table, when netlens could tell.</summary>
    public RuleJson? Rule { get; init; }

    /// <summary>The routing-table entry that matched (the kernel's fibmatch answer).</summary>
    public RouteJson? MatchedRoute { get; init; }

    /// <summary>netlink (the kernel asked) or snapshot (answered in-process from a saved file).</summary>
    public required string Mechanism { get; init; }

    /// <summary>What was asked of the kernel, or which snapshot answered.</summary>
    public required string MechanismDetail { get; init; }
}

public sealed record RouteQueryJson
{
    /// <summary>The question as asked, with the name it came from when the user gave one.</summary>
    public static RouteQueryJson Of(NetLens.Core.Routing.RouteLookupRequest request, string? name) => new()
    {
        Destination = request.Destination.ToString(),
        Name = name,
        From = request.From?.ToString(),
        Iif = request.InputInterface,
        Oif = request.OutputInterface,
        Mark = request.Mark,
        Uid = request.Uid,
        Tos = request.Tos,
        Ipproto = request.IpProtocol,
        Sport = request.SourcePort,
        Dport = request.DestinationPort,
    };

    public required string Destination { get; init; }

    /// <summary>The name the user gave, when they gave one.</summary>
    public string? Name { get; init; }

    public string? From { get; init; }

    public string? Iif { get; init; }

    public string? Oif { get; init; }

    public uint? Mark { get; init; }

    public uint? Uid { get; init; }

    public byte? Tos { get; init; }

    public byte? Ipproto { get; init; }

    public ushort? Sport { get; init; }

    public ushort? Dport { get; init; }
}

public sealed record RouteAnswerJson
{
    public required string Type { get; init; }

    public string? Gateway { get; init; }

    public string? Device { get; init; }

    public string? PreferredSource { get; init; }

    public required string Table { get; init; }

    public uint? Mark { get; init; }

    public uint? Uid { get; init; }
}

public sealed record RuleJson(uint Priority, string Text);
