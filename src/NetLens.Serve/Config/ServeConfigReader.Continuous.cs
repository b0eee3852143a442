using NetLens.Core;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

public static partial class ServeConfigReader
{
    private static readonly HashSet<string> ContinuousKeys = ["interval", "targets", "file_sd_configs", "trace"];
    private static readonly HashSet<string> FileSdKeys = ["files", "refresh_interval"];

    /// <summary>`continuous: {interval, targets, file_sd_configs: [{files}]}`; targets are checked when they are resolved, not here.</summary>
    private static ContinuousSettings ReadContinuous(YamlNode node, string source)
    {
        var map = Map(node, source, "continuous");
        CheckKeys(map, ContinuousKeys, source, "continuous");
        var interval = ContinuousSettings.DefaultInterval;
        if (Get(map, "interval") is { } intervalNode)
        {
            var text = Scalar(intervalNode, source, "interval");
            if (!PrometheusDuration.TryParse(text, out interval) || interval < ContinuousSettings.MinInterval)
            {
                throw Error(source, intervalNode, $"continuous: interval {InputText.Quote(text)} is not a duration of at least 10ms such as 1s or 100ms");
            }
        }

        var targets = Get(map, "targets") is { } targetsNode
            ? Sequence(targetsNode, source, "continuous targets").Select(t => Scalar(t, source, "a continuous target")).ToList()
            : [];
        var files = new List<string>();
        if (Get(map, "file_sd_configs") is { } sdNode)
        {
            foreach (var entry in Sequence(sdNode, source, "continuous file_sd_configs"))
            {
                var sd = Map(entry, source, "a file_sd_configs entry");
                CheckKeys(sd, FileSdKeys, source, "file_sd_configs");
                if (Get(sd, "files") is not { } filesNode)
                {
                    throw Error(source, sd, "file_sd_configs: an entry needs files: [PATH, …]");
                }

                foreach (var file in Sequence(filesNode, source, "file_sd_configs files"))
                {
                    var path = Scalar(file, source, "a file_sd file");
                    if (Path.GetDirectoryName(path) is { } directory && directory.Contains('*'))
                    {
                        throw Error(source, file, $"file_sd_configs: {InputText.Quote(path)}: a * may only be in the file name, as in Prometheus");
                    }

                    files.Add(path);
                }
            }
        }

        return new ContinuousSettings(interval, targets, files) { Trace = Get(map, "trace") is { } traceNode ? ReadContinuousTrace(traceNode, source) : null };
    }
}
