namespace NetLens.Cli.Output.Classic;

/// <summary>The parts of ip's state that change how one route line reads.</summary>
/// <param name="TableFilterActive">`ip route show table N` (also the implicit "main"): the "table" word is left out.</param>
/// <param name="Details">`ip -d`: type, table main, proto boot and scope global are printed too.</param>
public readonly record struct IpRouteFormatOptions(bool TableFilterActive = false, bool Details = false);
