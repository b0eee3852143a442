using NetLens.Cli.Output.Classic;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;
using NetLens.Core.Routing.Origin;

namespace NetLens.Cli.Output.Routing;

/// <summary>Routes in words: ip's lines, ip's names for tables and protocols, and who put a route there.</summary>
public sealed class RouteWords(IpNames names, InterfaceNames interfaces, IReadOnlyList<PolicyRule> rules)
{
    private readonly IpRouteFormatter _ip = new(interfaces, names);

    public IpNames Names => names;

    /// <summary>The first line `ip route get` prints for this answer, without ip's trailing space.</summary>
    public string IpFirstLine(Route answer)
    {
        var text = _ip.Format(answer);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd();
    }

    /// <summary>The route as `ip route show table all` prints it, on one line (nexthops joined).</summary>
    public string IpListingLine(Route route) =>
        string.Join(' ', _ip.Format(route).Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));

    public string TableName(uint table) => names.TableName(table);

    public string ProtocolName(byte protocol) => names.ProtocolName(protocol);

    public string ScopeName(RouteScope scope) => names.ScopeName((byte)scope);

    public static string TypeName(RouteType type) => IpNames.RouteTypeName(type);

    public string InterfaceName(int index) => interfaces.NameOf(index);

    public RouteOrigin Origin(Route route) => RouteOriginClassifier.Classify(route, interfaces, rules);
}
