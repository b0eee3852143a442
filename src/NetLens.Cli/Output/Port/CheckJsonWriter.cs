using NetLens.Cli.Output.Json;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Cli.Output.Port;

/// <summary>Maps a check report to its JSON document.</summary>
public static class CheckJsonWriter
{
    public static void Write(TextWriter output, CheckReport report)
    {
        var document = new CheckDocument(
            report.Spec.IsIcmp ? null : report.Spec.Port,
            report.Spec.ServiceName,
            report.Accepted,
            [.. report.Evaluations.Select(Packet)],
            report.Sources,
            report.Notes);
        JsonOutput.Write(output, document);
    }

    private static CheckPacketDocument Packet(CheckEvaluation evaluation)
    {
        var packet = evaluation.Packet;
        var main = evaluation.Main;
        return new CheckPacketDocument(
            packet.Direction.Word(),
            packet.FamilyName,
            packet.ProtocolName,
            packet.IsIcmp ? null : packet.DestinationPort,
            packet.IcmpType,
            packet.Source?.ToString(),
            packet.Destination?.ToString(),
            string.IsNullOrEmpty(packet.InputInterface) ? null : packet.InputInterface,
            string.IsNullOrEmpty(packet.OutputInterface) ? null : packet.OutputInterface,
            evaluation.Verdict?.ToString().ToLowerInvariant() ?? "uncertain",
            evaluation.Certain,
            evaluation.Certain && CheckReport.Decider(main) is { } decider ? Step(decider) : null,
            [.. main.Steps.Select(Step)],
            evaluation.Doubts,
            main.Forwarded ? new CheckForwardDocument(main.FinalPacket.Destination?.ToString(), main.FinalPacket.DestinationPort, main.FinalPacket.OutputInterface) : null,
            evaluation.DockerNote);
    }

    private static CheckStepDocument Step(ChainStep step) =>
        new(step.Chain.Source, step.Chain.Family, step.Chain.Table, step.Chain.Name, step.Rule?.Position, step.Rule?.Handle, step.Rule?.Text, step.Outcome);
}
