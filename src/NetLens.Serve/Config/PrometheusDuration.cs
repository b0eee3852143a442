using System.Globalization;
using System.Text.RegularExpressions;

namespace NetLens.Serve.Config;

/// <summary>Prometheus's duration words (model.ParseDuration): units y w d h m s ms, largest first, e.g. 1m30s, 500ms.</summary>
public static partial class PrometheusDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return false;
        }

        double[] scale = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];
        var seconds = 0.0;
        for (var i = 0; i < scale.Length; i++)
        {
            if (match.Groups[i + 1].Success)
            {
                seconds += long.Parse(match.Groups[i + 1].Value, CultureInfo.InvariantCulture) * scale[i];
            }
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$")]
    private static partial Regex Pattern();
}
