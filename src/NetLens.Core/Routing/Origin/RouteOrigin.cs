namespace NetLens.Core.Routing.Origin;

/// <summary>A route's origin: what it is, a short label for a column ("docker", "vpn (wireguard)"), and why.</summary>
public readonly record struct RouteOrigin(RouteOriginKind Kind, string Label, string Reason);
