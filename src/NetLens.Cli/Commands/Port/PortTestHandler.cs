using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Linux.PortTest;

namespace NetLens.Cli.Commands.Port;

/// <summary>Sends the probe and reports what it proved.</summary>
public static class PortTestHandler
{
    public static async Task<int> RunAsync(PortTestOptions options, CliOutput output, CancellationToken cancel)
    {
        var target = new IPEndPoint(options.Address, options.Port);
        var result = options.Protocol == "udp"
            ? UdpPortTester.Test(target, options.Timeout, options.Attempts, options.Netns, cancel)
            : await TcpPortTester.TestAsync(target, options.Timeout, options.Netns, cancel).ConfigureAwait(false);
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
