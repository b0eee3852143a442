using NetLens.Core.Routing.Policy;

namespace NetLens.Core.Routing.Lookup;

/// <summary>The packet of a lookup as policy rules see it.</summary>
public static class RoutePacket
{
    /// <summary>The question's selectors; the uid is the question's, else the one the kernel's answer says it used, else <paramref name="callerUid"/>.</summary>
    public static PacketFacts Of(RouteLookupRequest request, Route? answer, uint callerUid) => new()
    {
        Destination = request.Destination,
        Source = request.From,
        InputInterface = request.InputInterface ?? "lo",
        OutputInterface = request.OutputInterface,
        Mark = request.Mark ?? 0,
        Uid = request.Uid ?? answer?.Uid ?? callerUid,
        Tos = request.Tos ?? 0,
        IpProtocol = request.IpProtocol,
        SourcePort = request.SourcePort,
        DestinationPort = request.DestinationPort,
    };
}
