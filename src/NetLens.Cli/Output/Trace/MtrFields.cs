using System.Globalization;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>
/// mtr's report columns chosen by letter (mtr -o): each with mtr's title and width, the title right-aligned over its
/// values; a space is a one-blank gap, as in mtr's default order "LS NABWV".
/// </summary>
public sealed class MtrFields
{
    /// <summary>mtr's default: Loss%, Snt, a gap, Last, Avg, Best, Wrst, StDev.</summary>
    public const string DefaultOrder = "LS NABWV";

    /// <summary>The letters known, in mtr's documented order (mtr's I, interarrival jitter, is not offered).</summary>
    public const string Letters = "LDRSNBAWVGJMX";

    /// <summary>mtr's letter for interarrival jitter, refused with its own message.</summary>
    public const char InterarrivalJitter = 'I';

    // mtr prints each field into its width, so 100% loss loses its percent sign: " 100.0".
    private const int LossWidth = 6;

    private MtrFields(string order) => Order = order;

    public static MtrFields Default { get; } = new(DefaultOrder);

    /// <summary>The letters and gaps in the order given.</summary>
    public string Order { get; }

    /// <summary>The order as given, or the first letter that is not one of <see cref="Letters"/> or a space.</summary>
    public static bool TryParse(string order, out MtrFields fields, out char unknown)
    {
        fields = Default;
        unknown = order.FirstOrDefault(c => c != ' ' && !Letters.Contains(c, StringComparison.Ordinal));
        if (unknown != default)
        {
            return false;
        }

        fields = new MtrFields(order);
        return true;
    }

    /// <summary>The titles line after the name column.</summary>
    public string Titles() => string.Concat(Order.Select(Title));

    /// <summary>A hop's values under <see cref="Titles"/>.</summary>
    public string Numbers(HopReport hop) => string.Concat(Order.Select(letter => Value(letter, hop)));

    private static string Title(char letter) => letter switch
    {
        'L' => " Loss%",
        'D' => " Drop",
        'R' => "   Rcv",
        'S' => "   Snt",
        'N' => "  Last",
        'B' => "  Best",
        'A' => "   Avg",
        'W' => "  Wrst",
        'V' => " StDev",
        'G' => " Gmean",
        'J' => " Jttr",
        'M' => " Javg",
        'X' => " Jmax",
        _ => " ",
    };

    private static string Value(char letter, HopReport hop) => letter switch
    {
        'L' => string.Create(CultureInfo.InvariantCulture, $" {hop.LossPercent,4:F1}%")[..LossWidth],
        'D' => Count(4, hop.Sent - hop.Received),
        'R' => Count(5, hop.Received),
        'S' => Count(5, hop.Sent),
        'N' => Time(5, hop.LastMs),
        'B' => Time(5, hop.BestMs),
        'A' => Time(5, hop.AvgMs),
        'W' => Time(5, hop.WorstMs),
        'V' => Time(5, hop.StDevMs),
        'G' => Time(5, hop.GeometricMeanMs),
        'J' => Time(4, hop.CurrentJitterMs),
        'M' => Time(4, hop.JitterMs),
        'X' => Time(4, hop.WorstJitterMs),
        _ => " ",
    };

    private static string Count(int width, int value) => " " + value.ToString(CultureInfo.InvariantCulture).PadLeft(width);

    private static string Time(int width, double ms) => " " + ms.ToString("F1", CultureInfo.InvariantCulture).PadLeft(width);
}
