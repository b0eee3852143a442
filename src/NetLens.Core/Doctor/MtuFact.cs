using System.Net;

namespace NetLens.Core.Doctor;

/// <summary>What DF-set probes of several sizes learned about the path MTU.</summary>
/// <remarks>OutgoingMtu: The output device's MTU, the largest packet this host sends unfragmented.</remarks>
/// <remarks>LargestPassed: The largest DF probe (bytes, IP header included) the destination answered, or null when none was.</remarks>
/// <remarks>SmallestVanished: The smallest DF probe that got no answer at all (no reply, no ICMP error), or null when none vanished.</remarks>
/// <remarks>FragNeededMtu: The next-hop MTU an ICMP frag-needed (or ICMPv6 packet-too-big) reported, or null when none came back.</remarks>
/// <remarks>FragNeededFrom: The router that sent it.</remarks>
/// <remarks>KernelPmtu: The kernel's cached path MTU for the destination (IP_MTU on a connected socket), when it is below the device's.</remarks>
/// <remarks>LastHopReached: The last TTL at which a vanishing-size probe still drew a time-exceeded: the router that stops them, when known.</remarks>
public sealed record MtuFact(
    int OutgoingMtu,
    int? LargestPassed,
    int? SmallestVanished,
    int? FragNeededMtu,
    IPAddress? FragNeededFrom,
    int? KernelPmtu,
    int? LastHopReached)
{
    /// <summary>The path MTU as the answers tell it: what a router reported, else the kernel's cache, else the largest probe that passed.</summary>
    public int? PathMtu => FragNeededMtu ?? KernelPmtu ?? LargestPassed;

    /// <summary>Big probes die without a word while smaller ones pass: a router drops them and its frag-needed never comes back.</summary>
    public bool BlackHole => SmallestVanished is not null && LargestPassed is not null && FragNeededMtu is null && KernelPmtu is null;
}
