namespace NetLens.Core.Firewall.Spec;

/// <summary>Ports <see cref="Low"/> to <see cref="High"/>, both included; a single port when they are equal.</summary>
public readonly record struct PortRange(int Low, int High)
{
    public const int MaxPort = 65535;

    public bool IsSingle => Low == High;

    public int Count => High - Low + 1;

    /// <summary>"8472" or "10000-10999", as nft and SPECs write it (iptables uses a colon instead).</summary>
    public override string ToString() => IsSingle ? Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Low}-{High}";

    /// <summary>Sorted, with overlapping and touching ranges merged: nft refuses overlapping set elements.</summary>
    public static IReadOnlyList<PortRange> Normalize(IEnumerable<PortRange> ranges)
    {
        var merged = new List<PortRange>();
        foreach (var range in ranges.OrderBy(r => r.Low).ThenBy(r => r.High))
        {
            if (merged.Count > 0 && range.Low <= merged[^1].High + 1)
            {
                merged[^1] = merged[^1] with { High = Math.Max(merged[^1].High, range.High) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>"80,443,10000-10999": the canonical text of a normalized list.</summary>
    public static string Join(IEnumerable<PortRange> ranges) => string.Join(',', ranges);
}
