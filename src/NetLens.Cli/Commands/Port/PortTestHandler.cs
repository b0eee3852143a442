using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Core.PortTest;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Port;

/// <summary>Binds `port test` to the port probe engine and reports what the probe proved.</summary>
public static class PortTestHandler
{
    public static async Task<int> RunAsync(PortTestOptions options, CliOutput output, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, output.Interruption.Token);
        var engine = new PortProbeEngine(NetworkContext.For(options.Netns));
        var request = new PortTestRequest(new IPEndPoint(options.Address, options.Port), options.Protocol == "udp", options.Timeout, options.Attempts) { PeerNetns = options.PeerNetns };
        var result = await engine.TestAsync(request, stop.Token).ConfigureAwait(false);
        if (options.Json)
        {
            TestJsonWriter.Write(output.Out, options.Host, result);
        }
        else
        {
            TestTextWriter.Write(output.Out, options.Host, result, options.Verbose);
        }

        return result.State == PortTestState.Open ? ExitCodes.Success : ExitCodes.Failure;
    }
}
