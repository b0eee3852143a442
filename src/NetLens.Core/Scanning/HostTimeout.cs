using System.Globalization;

namespace NetLens.Core.Scanning;

/// <summary>nmap's --host-timeout: how long one host may take before the scan gives up on it.</summary>
public static class HostTimeout
{
    /// <summary>
    /// "30s", "500ms", "2m", "1h", or a bare number of seconds (decimals allowed), as nmap reads a time; 0 means no limit
    /// (null), as nmap's does.
    /// </summary>
    public static TimeSpan? Parse(string text)
    {
        var trimmed = text.Trim();
        var unitAt = trimmed.Length;
        while (unitAt > 0 && char.IsAsciiLetter(trimmed[unitAt - 1]))
        {
            unitAt--;
        }

        double? scale = trimmed[unitAt..].ToLowerInvariant() switch
        {
            "" or "s" => 1,
            "ms" => 0.001,
            "m" => 60,
            "h" => 3600,
            _ => null,
        };
        var number = trimmed[..unitAt];
        if (scale is null || number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c == '.')
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value * scale.Value > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new UsageException($"'{text}' is not a time: give one such as 30s, 500ms, 2m or 1h (a bare number is seconds)");
        }

        var seconds = value * scale.Value;
        return seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
    }
}
