using System.Text;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>
/// Writes `ip route show` output as routes stream in from the kernel, in 32 KiB pieces: a 200k-route
/// table is never held in memory, which is what keeps the listing as fast as ip's.
/// </summary>
public sealed class IpRouteListingWriter(TextWriter output, IpRouteQuery query, IpRouteFormatter formatter)
{
    private const int FlushThreshold = 32 * 1024;
    private readonly IpRouteListingFilter _filter = new(query);
    private readonly StringBuilder _pending = new(FlushThreshold + 1024);

    public void Add(Route route)
    {
        if (!_filter.Includes(route))
        {
            return;
        }

        formatter.Append(_pending, route, _filter.FormatOptions);
        if (_pending.Length >= FlushThreshold)
        {
            Flush();
        }
    }

    public void Flush()
    {
        output.Write(_pending);
        _pending.Clear();
    }
}
