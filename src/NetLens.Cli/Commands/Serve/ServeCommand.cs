using System.CommandLine;
using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Serve;

namespace NetLens.Cli.Commands.Serve;

/// <summary>`netlens serve`: the probes as a Prometheus exporter, blackbox_exporter's /probe and config format.</summary>
public static class ServeCommand
{
    private static readonly Option<string> Config = new("--config") { Description = "blackbox.yml, plus netlens's probe_allow: [CIDR, …] (the only targets /probe may reach)", DefaultValueFactory = _ => "/etc/netlens/serve.yml", HelpName = "FILE" };
    private static readonly Option<string> Listen = new("--listen") { Description = "Address and port to answer HTTP on", DefaultValueFactory = _ => "127.0.0.1:9115", HelpName = "ADDR:PORT" };

    public static Command Create(CliOutput output)
    {
        var command = new Command("serve", "The probes as a Prometheus exporter: /probe?target=…&module=… as blackbox_exporter answers it, and /metrics");
        command.Options.Add(Config);
        command.Options.Add(Listen);

        // Only the handler touches the server: building the command tree costs the one-shot commands nothing.
        command.SetAction(async (parse, _) =>
        {
            var request = new ServeRequest(parse.GetValue(Config)!, Endpoint(parse.GetValue(Listen)!), parse.GetValue(GlobalOptions.Netns));
            var host = ServeHost.Start(request, output.Error);
            await host.RunAsync(output.Interruption.Token).ConfigureAwait(false);
            return output.Interruption.ExitCode ?? ExitCodes.Success;
        });
        return command;
    }

    private static IPEndPoint Endpoint(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 && (text.Contains(']', StringComparison.Ordinal) || !text.Contains("::", StringComparison.Ordinal) || text.Count(c => c == ':') == 1)
            ? endpoint
            : throw new UsageException($"--listen {InputText.Quote(text)} is not ADDRESS:PORT (e.g. 127.0.0.1:9115 or [::]:9115)");
}
