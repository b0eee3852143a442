using System.Text;

namespace NetLens.Cli.Output.Sockets;

/// <summary>
/// ss's table layout: every cell of a column padded to the column's widest cell (the header's included when there is
/// one), left or right aligned, columns after the first joined by their delimiter, the last one padded too. A column
/// with nothing in it takes no room and no delimiter. A cell may hold more lines ("\n\t skmem:(…)"): ss counts those
/// characters into the width as well. Widths are in bytes, as ss counts them. One quirk kept: ss leaves the last
/// line's last cell out of the measure (a longer one there sticks out unpadded). Pure: cells in, text out.
/// </summary>
public sealed class SsColumns(IReadOnlyList<SsColumns.Column> columns)
{
    /// <param name="Header">The header line's cell.</param>
    /// <param name="AlignRight">Cells lean right (addresses) rather than left.</param>
    /// <param name="Delimiter">Written before the cell unless the column is the first with any width.</param>
    public readonly record struct Column(string Header, bool AlignRight, string Delimiter);

    private readonly List<string[]> _rows = [];

    public void Add(string[] cells) => _rows.Add(cells.Length == columns.Count ? cells : throw new ArgumentException($"expected {columns.Count} cells", nameof(cells)));

    public void WriteTo(TextWriter output)
    {
        var widths = new int[columns.Count];
        for (var r = 0; r < _rows.Count; r++)
        {
            var row = _rows[r];
            var measured = r == _rows.Count - 1 ? row.Length - 1 : row.Length;
            for (var i = 0; i < measured; i++)
            {
                widths[i] = Math.Max(widths[i], Encoding.UTF8.GetByteCount(row[i]));
            }
        }

        var line = new StringBuilder();
        foreach (var row in _rows)
        {
            line.Clear();
            var first = true;
            for (var i = 0; i < row.Length; i++)
            {
                if (widths[i] == 0 && row[i].Length == 0)
                {
                    continue;
                }

                if (!first)
                {
                    line.Append(columns[i].Delimiter);
                }

                first = false;
                var pad = Math.Max(0, widths[i] - Encoding.UTF8.GetByteCount(row[i]));
                if (columns[i].AlignRight)
                {
                    line.Append(' ', pad).Append(row[i]);
                }
                else
                {
                    line.Append(row[i]).Append(' ', pad);
                }
            }

            output.Write(line.Append('\n'));
        }
    }
}
