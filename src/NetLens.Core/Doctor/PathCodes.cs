using NetLens.Core.Probing;

namespace NetLens.Core.Doctor;

/// <summary>The cause a router's unreachable answer on the path names: its code says whether it filters (!X) or has no way on.</summary>
internal static class PathCodes
{
    public static DoctorCause Cause(DoctorProtocol protocol, PathHop hop, UnreachableCode code)
    {
        var kind = Prohibited(code)
            ? protocol == DoctorProtocol.Icmp ? CauseKind.IcmpBlocked : CauseKind.PathFiltered
            : CauseKind.PathUnreachable;
        return new DoctorCause(kind, CauseLocation.Path, hop.Ttl, $"hop {hop.Ttl} ({hop.Address}) answers {code}", null);
    }

    /// <summary>Administratively prohibited (IPv4 codes 9, 10, 13; IPv6 1, 5, 6): a filter or a prohibit route, not a missing one.</summary>
    public static bool Prohibited(UnreachableCode code) => code.Mark == "!X";
}
