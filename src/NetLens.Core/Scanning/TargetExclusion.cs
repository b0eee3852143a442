using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>
/// --exclude and --excludefile: addresses never probed. A CIDR block or a contiguous range is kept as its span; octet
/// lists (198.18.1,3.0-255), whose addresses are not one span, are listed once into a set.
/// </summary>
public sealed class TargetExclusion
{
    /// <summary>The most addresses an octet list may hold as an exclusion (a block of any size costs nothing).</summary>
    public const int MaxListed = 1 << 20;

    private readonly List<(System.Net.Sockets.AddressFamily Family, UInt128 Low, UInt128 High)> _spans = [];
    private readonly HashSet<IPAddress> _listed = [];

    /// <param name="blocks">The parsed exclusions that are addresses or blocks.</param>
    /// <param name="resolved">The addresses the excluded names resolved to.</param>
    public TargetExclusion(IEnumerable<TargetSpec> blocks, IEnumerable<IPAddress> resolved)
    {
        foreach (var block in blocks)
        {
            var low = TargetSpec.ToNumber(block.First!);
            var high = TargetSpec.ToNumber(block.Last!);
            if (high - low + 1 == block.Count)
            {
                _spans.Add((block.First!.AddressFamily, low, high));
            }
            else if (block.Count <= MaxListed)
            {
                _listed.UnionWith(block.Addresses());
            }
            else
            {
                throw new UsageException($"the exclusion {InputText.Quote(block.Text)} lists more than {MaxListed} addresses by octet: give it as CIDR blocks");
            }
        }

        _listed.UnionWith(resolved.Select(Unscoped));
    }

    public bool IsEmpty => _spans.Count == 0 && _listed.Count == 0;

    public bool Contains(IPAddress address)
    {
        if (_listed.Contains(Unscoped(address)))
        {
            return true;
        }

        var value = TargetSpec.ToNumber(address);
        return _spans.Exists(s => s.Family == address.AddressFamily && s.Low <= value && value <= s.High);
    }

    /// <summary>A zone does not make another host for an exclusion; IPv4 addresses have no ScopeId to read (it throws).</summary>
    private static IPAddress Unscoped(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
}
