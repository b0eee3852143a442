using System.CommandLine;
using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Serve;
using NetLens.Serve.Config;
using NetLens.Serve.Otlp;

namespace NetLens.Cli.Commands.Serve;

/// <summary>`netlens serve`: the probes as a Prometheus exporter, blackbox_exporter's /probe and config format.</summary>
public static class ServeCommand
{
    private static readonly Option<string> Config = new("--config") { Description = "blackbox.yml, plus netlens's probe_allow: [CIDR, …] (the only targets /probe may reach)", DefaultValueFactory = _ => "/etc/netlens/serve.yml", HelpName = "FILE" };
    private static readonly Option<string> Listen = new("--listen") { Description = "Address and port to answer HTTP on (:PORT for every IPv4 address, as blackbox's :9115)", DefaultValueFactory = _ => "127.0.0.1:9115", HelpName = "ADDR:PORT" };
    private static readonly Option<string?> OtlpEndpoint = new("--otlp-endpoint") { Description = "Also push the continuous prober's instruments to this OTLP/HTTP collector (e.g. http://127.0.0.1:4318)", HelpName = "URL" };
    private static readonly Option<string> OtlpInterval = new("--otlp-interval") { Description = "How often to push over OTLP", DefaultValueFactory = _ => "10s", HelpName = "DURATION" };

    public static Command Create(CliOutput output)
    {
        var command = new Command("serve", "The probes as a Prometheus exporter: /probe?target=…&module=… as blackbox_exporter answers it, and /metrics");
        command.Options.Add(Config);
        command.Options.Add(Listen);
        command.Options.Add(OtlpEndpoint);
        command.Options.Add(OtlpInterval);

        // Only the handler touches the server: building the command tree costs the one-shot commands nothing.
        command.SetAction(async (parse, _) =>
        {
            var otlp = Otlp(parse.GetValue(OtlpEndpoint), parse.GetValue(OtlpInterval)!);
            var request = new ServeRequest(parse.GetValue(Config)!, Endpoint(parse.GetValue(Listen)!), parse.GetValue(GlobalOptions.Netns))
            {
                Otlp = otlp,
                OtlpRecorder = otlp is null ? null : OtlpPush.Recorder(),
            };
            var host = ServeHost.Start(request, output.Error);
            await host.RunAsync(output.Interruption.Token).ConfigureAwait(false);
            return output.Interruption.ExitCode ?? ExitCodes.Success;
        });
        return command;
    }

    private static OtlpSettings? Otlp(string? endpoint, string interval)
    {
        if (endpoint is null)
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--otlp-endpoint {InputText.Quote(endpoint)} is not an http:// or https:// URL (e.g. http://127.0.0.1:4318)");
        }

        if (!PrometheusDuration.TryParse(interval, out var every) || every < TimeSpan.FromMilliseconds(100))
        {
            throw new UsageException($"--otlp-interval {InputText.Quote(interval)} is not a duration of 100ms or more, such as 10s");
        }

        return new OtlpSettings(url, every);
    }

    private static IPEndPoint Endpoint(string text) =>
        text.StartsWith(':') && ushort.TryParse(text.AsSpan(1), out var port) && port != 0
            ? new IPEndPoint(IPAddress.Any, port)
            : IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 && (text.Contains(']', StringComparison.Ordinal) || !text.Contains("::", StringComparison.Ordinal) || text.Count(c => c == ':') == 1)
            ? endpoint
            : throw new UsageException($"--listen {InputText.Quote(text)} is not ADDRESS:PORT (e.g. 127.0.0.1:9115, [::]:9115 or :9115)");
}
