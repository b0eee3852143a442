using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetLens.Cli.Output.Tables;

/// <summary>
/// netlens's routes table. On a terminal a Spectre table with colour by origin; into a pipe or file plain
/// aligned columns, which grep and awk read and which stay fast for 200k routes.
/// </summary>
public static class RoutesTableWriter
{
    private static readonly string[] Headers = RoutesTableFit.Headers;

    /// <summary>Writes the table; on a terminal it fits the terminal's width unless <paramref name="wide"/> (every column, values whole).</summary>
    public static void Write(CliOutput output, IReadOnlyList<Route> routes, RouteWords words, bool wide = false)
    {
        var rows = new List<RouteRow>(routes.Count);
        foreach (var route in routes)
        {
            rows.Add(RouteRowBuilder.Build(route, words));
        }

        if (output.OutputRedirected)
        {
            WritePlain(output.Out, rows);
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output.Out),
                ColorSystem = output.UseColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            });
            var width = console.Profile.Width;
            var layout = wide ? RoutesTableFit.All : Fit(rows, console, width);
            if (wide)
            {
                // every column whatever the terminal: as wide as the values need (a pager can scroll sideways)
                console.Profile.Width = int.MaxValue / 4;
            }

            console.Write(BuildTable(rows, output.UseColor, layout));
            if (layout.Footer(width) is { } footer)
            {
                console.WriteLine(footer);
            }
        }
    }

    /// <summary>The widest layout the terminal shows without wrapping a value, measured as Spectre will draw it.</summary>
    public static RoutesTableLayout Fit(IReadOnlyList<RouteRow> rows, IAnsiConsole console, int width)
    {
        var options = RenderOptions.Create(console, console.Profile.Capabilities);
        return RoutesTableFit.Choose(layout => ((IRenderable)BuildTable(rows, color: false, layout)).Measure(options, int.MaxValue / 4).Max, width);
    }

    /// <summary>The Spectre table (pure: model in, renderable out) so tests render it to a fixed-width console.</summary>
    public static Table BuildTable(IReadOnlyList<RouteRow> rows, bool color, RoutesTableLayout? layout = null)
    {
        layout ??= RoutesTableFit.All;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in layout.Columns)
        {
            table.AddColumn(new TableColumn(Headers[column]).NoWrap());
        }

        var originAt = layout.Columns.ToList().IndexOf(Array.IndexOf(Headers, "Origin"));
        foreach (var row in rows)
        {
            var cells = RoutesTableFit.Cells(row, layout).Select(Markup.Escape).ToArray();
            if (color && originAt >= 0)
            {
                cells[originAt] = $"[{OriginColor(row.OriginKind)}]{cells[originAt]}[/]";
            }

            table.AddRow(cells);
        }

        return table;
    }

    public static void WritePlain(TextWriter output, IReadOnlyList<RouteRow> rows)
    {
        var widths = new int[Headers.Length];
        for (var i = 0; i < Headers.Length; i++)
        {
            widths[i] = Headers[i].Length;
        }

        foreach (var row in rows)
        {
            var cells = Cells(row);
            for (var i = 0; i < cells.Length; i++)
            {
                widths[i] = Math.Max(widths[i], cells[i].Length);
            }
        }

        WriteLine(output, Headers, widths);
        foreach (var row in rows)
        {
            WriteLine(output, Cells(row), widths);
        }
    }

    private static string[] Cells(RouteRow row) =>
        [row.Destination, row.Gateway, row.Device, row.Table, row.Protocol, row.Metric, row.Scope, row.Source, row.Origin];

    private static void WriteLine(TextWriter output, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            output.Write(cells[i]);
            if (i < cells.Length - 1)
            {
                output.Write(new string(' ', widths[i] - cells[i].Length + 2));
            }
        }

        output.WriteLine();
    }

    private static string OriginColor(string kind) => kind switch
    {
        "kernel" or "local" => "grey",
        "docker" or "kubernetes" or "libvirt" or "lxc" => "cyan",
        "vpn" => "magenta",
        "dhcp" or "ra" => "green",
        "routing-daemon" => "yellow",
        _ => "default",
    };
}
