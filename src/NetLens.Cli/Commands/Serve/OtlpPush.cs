using NetLens.Core;
using NetLens.Linux.Processes;
using NetLens.Serve.Continuous;
using NetLens.Serve.Otlp;

namespace NetLens.Cli.Commands.Serve;

/// <summary>
/// Where `serve --otlp-endpoint` gets its OTLP sink. This binary has none: the OpenTelemetry SDK would make every
/// one-shot command's image 5.5 MB larger and its start-up 1.3 ms slower. So the process hands itself over (execv: same
/// pid, descriptors and capabilities) to netlens-otlp beside it, the same CLI linked with the SDK, whose own copy of this
/// file (src/NetLens.Cli.Otlp) returns the recorder instead.
/// </summary>
internal static class OtlpPush
{
    public const string BinaryName = "netlens-otlp";

    /// <summary>Returns the recorder factory, or does not return at all because netlens-otlp now runs in this process.</summary>
    public static Func<OtlpSettings, IProbeRecorder> Recorder()
    {
        var path = Path.Combine(AppContext.BaseDirectory, BinaryName);
        if (!File.Exists(path))
        {
            throw new UsageException($"--otlp-endpoint needs {BinaryName} beside netlens ({path} is missing; the .deb and the tarball ship it)");
        }

        var arguments = Environment.GetCommandLineArgs();
        arguments[0] = path;
        var failure = ProcessImage.Replace(path, arguments);
        throw new UsageException($"--otlp-endpoint: cannot run {path}: {failure}");
    }
}
