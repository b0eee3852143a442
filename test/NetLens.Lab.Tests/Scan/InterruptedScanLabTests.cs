using System.Diagnostics;
using System.Globalization;
using System.Xml;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// The native binary scanning all 65535 ports of the lab's filtered host, stopped by a signal after 2 s: what was
/// settled is printed, the -oX file is a whole document marked interrupted, and the exit code is 128 + the signal.
/// </summary>
public sealed class InterruptedScanLabTests(SynScanLab lab) : IClassFixture<SynScanLab>, IDisposable
{
    /// <summary>Only a safety net: a scan that ignored the signal would run for minutes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _xmlFile = Path.Combine(Path.GetTempPath(), $"netlens-interrupted-{Environment.ProcessId}-{Guid.NewGuid():N}.xml");

    public void Dispose() => File.Delete(_xmlFile);

    [SkippableTheory]
    [InlineData("INT", 130, "SIGINT")]
    [InlineData("TERM", 143, "SIGTERM")]
    public void A_signal_keeps_the_settled_ports_on_stdout_and_a_valid_xml_file(string signal, int exitCode, string signalName)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

        // a rate cap that makes the whole run last well past the 2 s (65535 probes at 5000/s, retries on top)
        foreach (var argument in new[] { "--netns", lab.Scanner, "scan", "-p-", "--max-rate", "5000", "-oX", _xmlFile, SynScanLab.Target.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var scan = Process.Start(start)!;
        var stdout = scan.StandardOutput.ReadToEndAsync();
        var stderr = scan.StandardError.ReadToEndAsync();
        try
        {
            Assert.False(scan.WaitForExit(TimeSpan.FromSeconds(2)), "the scan ended before it could be interrupted");

            Shell.Check("kill", [$"-{signal}", scan.Id.ToString(CultureInfo.InvariantCulture)]);

            Assert.True(scan.WaitForExit(Patience), "the scan did not end on the signal");
            Assert.Equal(exitCode, scan.ExitCode);
            var output = stdout.GetAwaiter().GetResult();
            Assert.StartsWith("netlens scan report for 198.18.7.2\nHost is up", output, StringComparison.Ordinal);
            Assert.Contains($"scanned in ", output, StringComparison.Ordinal);
            Assert.EndsWith($"(interrupted by {signalName}: partial results, only the hosts and ports settled before it)\n", output, StringComparison.Ordinal);
            Assert.Equal(string.Empty, stderr.GetAwaiter().GetResult());

            var xml = new XmlDocument { XmlResolver = null };
            xml.Load(_xmlFile);
            var finished = (XmlElement)xml.SelectSingleNode("/nmaprun/runstats/finished")!;
            Assert.Equal("error", finished.GetAttribute("exit"));
            Assert.StartsWith($"interrupted by {signalName}", finished.GetAttribute("errormsg"), StringComparison.Ordinal);
            Assert.Equal("198.18.7.2", xml.SelectSingleNode("/nmaprun/host/address/@addr")!.Value);
        }
        finally
        {
            if (!scan.HasExited)
            {
                scan.Kill();
            }
        }
    }
}
