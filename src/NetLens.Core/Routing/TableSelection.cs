using NetLens.Core.Routing.Names;

namespace NetLens.Core.Routing;

/// <summary>Which routing tables to show: one (by id) or all.</summary>
public sealed record TableSelection(uint? Id)
{
    public static TableSelection All { get; } = new((uint?)null);

    public static TableSelection Main { get; } = new(RouteTables.Main);

    public bool IsAll => Id is null;

    public bool Includes(uint table) => Id is null || Id == table;

    /// <summary>null (not given), "all", a name from rt_tables, or a number.</summary>
    public static TableSelection? Parse(string? text, IpNames names)
    {
        if (text is null)
        {
            return null;
        }

        if (text == "all")
        {
            return All;
        }

        if (names.TryGetId(IpNameKind.Tables, text, out var id))
        {
            return new TableSelection(id);
        }

        return uint.TryParse(text, out id)
            ? new TableSelection(id)
            : throw new UsageException($"table \"{text}\" is neither a number, 'all', nor a name in /etc/iproute2/rt_tables");
    }
}
