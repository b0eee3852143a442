using NetLens.Linux.Namespaces;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Sockets;

/// <summary>Interface names for sockets bound to a device, asked of rtnetlink only when a socket needs one.</summary>
public sealed class DeviceNames(NetworkContext context) : IDisposable
{
    private readonly Dictionary<int, string?> _names = [];
    private RouteNetlink? _netlink;

    public string? Find(int index)
    {
        if (index == 0)
        {
            return null;
        }

        if (!_names.TryGetValue(index, out var name))
        {
            _netlink ??= context.Run(RouteNetlink.Open);
            name = _netlink.GetLink(index)?.Name;
            _names[index] = name;
        }

        return name;
    }

    public void Dispose() => _netlink?.Dispose();
}
