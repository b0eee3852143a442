using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Scan;
using NetLens.Core;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>
/// -oX, -oN and -oG: files opened before the scan starts (a bad path fails at once, not after minutes of probing), written
/// after it. "-" is stdout, which then carries only that output, as nmap does.
/// </summary>
internal sealed class ScanOutputFiles : IDisposable
{
    private readonly StreamWriter? _xml;
    private readonly StreamWriter? _normal;
    private readonly StreamWriter? _grepable;

    public ScanOutputFiles(ScanOptions options)
    {
        try
        {
            _xml = Open(options.XmlFile);
            _normal = Open(options.NormalFile);
            _grepable = Open(options.GrepableFile);
        }
        catch
        {
            Dispose();
            throw;
        }

        TakesStdout = options.XmlFile == "-" || options.NormalFile == "-" || options.GrepableFile == "-";
    }

    /// <summary>An output went to stdout, so the interactive output stays off it.</summary>
    public bool TakesStdout { get; }

    public void Write(ScanOptions options, CliOutput output, ScanReport report, XmlScanRun run, Func<int, PortProtocol, string> serviceName)
    {
        if (options.XmlFile is { } xmlFile)
        {
            Put(xmlFile == "-" ? output.Out : _xml!, XmlScanWriter.Write(report, run, serviceName));
        }

        if (options.NormalFile is { } normalFile)
        {
            Put(normalFile == "-" ? output.Out : _normal!, NormalFileWriter.Write(report, run, serviceName, options.Reason));
        }

        if (options.GrepableFile is { } grepableFile)
        {
            Put(grepableFile == "-" ? output.Out : _grepable!, GrepableScanWriter.Write(report, run, serviceName, portsScanned: !options.DiscoveryOnly));
        }
    }

    public void Dispose()
    {
        _xml?.Dispose();
        _normal?.Dispose();
        _grepable?.Dispose();
    }

    private static void Put(TextWriter writer, string text)
    {
        writer.Write(text);
        writer.Flush();
    }

    private static StreamWriter? Open(string? path)
    {
        if (path is null or "-")
        {
            return null;
        }

        try
        {
            return new StreamWriter(path, append: false) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
    }
}
