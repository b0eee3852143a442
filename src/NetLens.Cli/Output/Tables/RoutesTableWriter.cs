using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing;
using Spectre.Console;

namespace NetLens.Cli.Output.Tables;

/// <summary>
/// netlens's routes table. On a terminal a Spectre table with colour by origin; into a pipe or file plain
/// aligned columns, which grep and awk read and which stay fast for 200k routes.
/// </summary>
public static class RoutesTableWriter
{
    private static readonly string[] Headers = ["Destination", "Gateway", "Device", "Table", "Proto", "Metric", "Scope", "Src", "Origin"];

    public static void Write(CliOutput output, IReadOnlyList<Route> routes, RouteWords words)
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
            console.Write(BuildTable(rows, output.UseColor));
        }
    }

    /// <summary>The Spectre table (pure: model in, renderable out) so tests render it to a fixed-width console.</summary>
    public static Table BuildTable(IReadOnlyList<RouteRow> rows, bool color)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in Headers)
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (var row in rows)
        {
            var origin = Markup.Escape(row.Origin);
            table.AddRow(
                Markup.Escape(row.Destination),
                Markup.Escape(row.Gateway),
                Markup.Escape(row.Device),
                Markup.Escape(row.Table),
                Markup.Escape(row.Protocol),
                Markup.Escape(row.Metric),
                Markup.Escape(row.Scope),
                Markup.Escape(row.Source),
                color ? $"[{OriginColor(row.OriginKind)}]{origin}[/]" : origin);
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
