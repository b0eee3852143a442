using NetLens.Serve.Config;

namespace NetLens.Serve.Exposition;

/// <summary>
/// Whether the last reload worked and when the running config was loaded: under blackbox_exporter's names, so its
/// dashboards and alerts keep working, and under netlens's own.
/// </summary>
public static class ReloadMetrics
{
    public static void AddTo(MetricSet metrics, ConfigHolder config)
    {
        var successful = config.LastReloadSuccessful ? 1 : 0;
        metrics.Gauge("blackbox_exporter_config_last_reload_successful", "Blackbox exporter config loaded successfully.").Set(successful);
        metrics.Gauge("blackbox_exporter_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.").Set(config.LastSuccessTimestampSeconds);
        metrics.Gauge("netlens_config_last_reload_successful", "Whether the last reload of the netlens serve config succeeded (1) or kept the old config (0).").Set(successful);
        metrics.Gauge("netlens_config_last_reload_success_timestamp_seconds", "When the running config was loaded, in Unix seconds.").Set(config.LastSuccessTimestampSeconds);
    }
}
