using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>Interface names for sockets bound to a device, asked of rtnetlink only when a socket needs one.</summary>
internal sealed class DeviceNames(string? netns) : IDisposable
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
            _netlink ??= netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();
            name = _netlink.GetLink(index)?.Name;
            _names[index] = name;
        }

        return name;
    }

    public void Dispose() => _netlink?.Dispose();
}
