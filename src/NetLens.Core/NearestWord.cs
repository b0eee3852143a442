namespace NetLens.Core;

/// <summary>The known word nearest to a mistyped one ("did you mean …?"), by edit distance with swaps counted as one edit.</summary>
public static class NearestWord
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/>, or null when none is near enough to be a plausible typo:
    /// at most two edits, and fewer than half the typed word (so "x" does not suggest every one-letter word). A
    /// candidate that starts with the typed word (an abbreviation) is near too. Ties go to the first candidate.
    /// </summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var (bestDistance, bestEdits) = (int.MaxValue, int.MaxValue);
        foreach (var candidate in candidates)
        {
            // an abbreviation counts as one edit, but a true one-edit typo beats it ("rout": route before routes)
            var edits = Distance(typed, candidate);
            var distance = candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && typed.Length >= 2 ? Math.Min(1, edits) : edits;
            if (distance < bestDistance || (distance == bestDistance && edits < bestEdits))
            {
                (best, bestDistance, bestEdits) = (candidate, distance, edits);
            }
        }

        var allowed = Math.Min(2, (typed.Length - 1) / 2);
        return bestDistance <= Math.Max(allowed, typed.Length >= 2 ? 1 : 0) ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        var rows = new int[3][];
        for (var i = 0; i < 3; i++)
        {
            rows[i] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            // row i lives in rows[i % 3]; the two before it are all the swap rule looks back at
            var (twoBack, previous, current) = (rows[(i + 1) % 3], rows[(i + 2) % 3], rows[i % 3]);
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (same ? 0 : 1));
                if (i > 1 && j > 1 && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    current[j] = Math.Min(current[j], twoBack[j - 2] + 1);
                }
            }
        }

        return rows[a.Length % 3][b.Length];
    }
}
