using System.Globalization;
using System.Text;

namespace NetLens.Serve.Probing;

/// <summary>
/// A short name for a path: FNV-1a 32 over the hop addresses in TTL order (a silent hop as the empty string), written as
/// 8 hex digits. The same hops give the same id on every scrape and every host, so a dashboard sees a re-route as a new
/// id; the separator keeps "1.2.3.4" + "5" apart from "1.2.3.45".
/// </summary>
public static class TracePathId
{
    public static string Of(IReadOnlyList<string> hopAddresses)
    {
        var hash = 2166136261u;
        for (var i = 0; i < hopAddresses.Count; i++)
        {
            if (i > 0)
            {
                hash = (hash ^ (byte)'\n') * 16777619u;
            }

            foreach (var b in Encoding.UTF8.GetBytes(hopAddresses[i]))
            {
                hash = (hash ^ b) * 16777619u;
            }
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
