using NetLens.Core.Doctor;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Doctor;

/// <summary>One doctor question: where to, the packet's selectors as `route get` takes them, and the far side when it can be entered.</summary>
public sealed record DoctorRequest
{
    public required DoctorTargetSpec Spec { get; init; }

    public System.Net.IPAddress? From { get; init; }

    public string? InputInterface { get; init; }

    public uint? Mark { get; init; }

    public uint? Uid { get; init; }

    /// <summary>The namespace doctor works from (--netns).</summary>
    public NetworkContext Network { get; init; } = NetworkContext.Current;

    /// <summary>The far side's namespace (--peer-netns), read for its firewall, listener, way back and rp_filter.</summary>
    public string? PeerNetns { get; init; }

    /// <summary>How long the port probe waits for an answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where service names are looked up by the firewall checks.</summary>
    public string ServicesFile { get; init; } = "/etc/services";

    /// <summary>The caller's uid, seen by uid rules when the question names none.</summary>
    public uint CallerUid { get; init; }
}
