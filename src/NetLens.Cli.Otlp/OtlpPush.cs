using NetLens.Serve.Continuous;
using NetLens.Serve.Otlp;

namespace NetLens.Cli.Commands.Serve;

/// <summary>netlens-otlp's side of the hand-over (see src/NetLens.Cli/Commands/Serve/OtlpPush.cs): the SDK is linked here.</summary>
internal static class OtlpPush
{
    public static Func<OtlpSettings, IProbeRecorder> Recorder() => settings => new OtlpProbeRecorder(settings);
}
