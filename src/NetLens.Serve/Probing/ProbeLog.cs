using System.Globalization;
using System.Text;

namespace NetLens.Serve.Probing;

/// <summary>
/// One probe's log lines in logfmt, as blackbox writes them (ts, module, target, level, msg, then pairs): kept for
/// &amp;debug=true and copied to the exporter's own log for failures.
/// </summary>
public sealed class ProbeLog(string module, string target)
{
    private readonly StringBuilder _lines = new();

    public string Text => _lines.ToString();

    public void Debug(string message, params (string Key, object Value)[] pairs) => Add("debug", message, pairs);

    public void Info(string message, params (string Key, object Value)[] pairs) => Add("info", message, pairs);

    public void Error(string message, params (string Key, object Value)[] pairs) => Add("error", message, pairs);

    private void Add(string level, string message, (string Key, object Value)[] pairs)
    {
        _lines.Append("ts=").Append(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture))
            .Append(" module=").Append(Value(module)).Append(" target=").Append(Value(target))
            .Append(" level=").Append(level).Append(" msg=").Append(Value(message));
        foreach (var (key, value) in pairs)
        {
            _lines.Append(' ').Append(key).Append('=').Append(Value(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        }

        _lines.Append('\n');
    }

    private static string Value(string text) =>
        text.Length > 0 && text.All(c => c > ' ' && c != '"' && c != '=' && c != '\\') ? text : $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings("\\n")}\"";
}
