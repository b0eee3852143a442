using System.Diagnostics;

namespace NetLens.Serve.Exposition;

/// <summary>The process_* metrics Prometheus client libraries export, with their names and help.</summary>
public static class ProcessMetrics
{
    public static void AddTo(MetricSet metrics)
    {
        using var self = Process.GetCurrentProcess();
        metrics.Counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.").Set(self.TotalProcessorTime.TotalSeconds);
        metrics.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.").Set(self.WorkingSet64);
        metrics.Gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.").Set(self.VirtualMemorySize64);
        metrics.Gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.")
            .Set(new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        metrics.Gauge("process_open_fds", "Number of open file descriptors.").Set(Directory.EnumerateFileSystemEntries("/proc/self/fd").Count());
    }
}
