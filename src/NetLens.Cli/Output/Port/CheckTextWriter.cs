using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Cli.Output.Port;

/// <summary>`port check` for people: the verdict per family and protocol, the rule or policy that decides, and the way there.</summary>
public static class CheckTextWriter
{
    public static void Write(TextWriter output, CheckReport report, bool verbose)
    {
        foreach (var evaluation in report.Evaluations)
        {
            var packet = evaluation.Packet;
            var from = packet.Source is null ? "any source" : $"from {packet.Source}";
            var to = packet.Destination is null ? (packet.Direction == PacketDirection.In ? "this host" : "any destination") : $"{packet.Destination}";
            var via = string.IsNullOrEmpty(packet.InputInterface) ? string.Empty : $" via {packet.InputInterface}";
            var oif = string.IsNullOrEmpty(packet.OutputInterface) ? string.Empty : $" out of {packet.OutputInterface}";
            var direction = packet.Direction == PacketDirection.In ? string.Empty : $" {packet.Direction.Word()}";
            output.WriteLine($"{packet.SpecText} {packet.FamilyName}{direction} {from} to {to}{via}{oif}, {(packet.IsIcmp ? "new packet" : "new connection")}: {CheckReport.VerdictWord(evaluation).ToUpperInvariant()}");
            var main = evaluation.Main;
            if (evaluation.Certain)
            {
                WriteDecider(output, main, "  ");
            }
            else
            {
                output.WriteLine("  the ruleset decides on something netlens cannot know or does not model:");
                foreach (var doubt in evaluation.Doubts)
                {
                    output.WriteLine($"    - {doubt}");
                }

                foreach (var path in evaluation.Paths.Take(4))
                {
                    var assumed = path.Assumptions.Where(a => a.Matched).Select(a => $"{a.Chain.Label} rule {a.Rule.Position} matches").ToList();
                    output.WriteLine($"  if {(assumed.Count == 0 ? "none of them matches" : string.Join(" and ", assumed))}: {(path.Verdict?.ToString().ToLowerInvariant() ?? "unknown")}");
                    WriteDecider(output, path, "    ");
                }
            }

            if (evaluation.DockerNote is { } docker)
            {
                output.WriteLine($"  note: {docker}");
            }

            if (verbose || !evaluation.Certain)
            {
                foreach (var step in main.Steps)
                {
                    output.WriteLine($"  path: {CheckReport.Where(step)}: {step.Outcome}");
                }
            }
        }

        foreach (var note in report.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        if (verbose)
        {
            output.WriteLine($"ruleset read from: {string.Join(", ", report.Sources)}");
        }
    }

    private static void WriteDecider(TextWriter output, EvaluationPath path, string indent)
    {
        if (CheckReport.Decider(path) is not { } step)
        {
            output.WriteLine(path.Unresolved is { } why ? $"{indent}cannot follow: {why}" : $"{indent}no base chain at the {Hooks(path.FinalPacket.Direction)} hooks: nothing filters it");
            return;
        }

        output.WriteLine($"{indent}decided by {CheckReport.Where(step)}: {step.Outcome}");
        if (step.Rule is { } rule)
        {
            output.WriteLine($"{indent}  {rule.Text}");
        }

        if (path.Forwarded && path.FinalPacket.Direction == PacketDirection.In)
        {
            output.WriteLine($"{indent}forwarded to {path.FinalPacket.Destination} port {path.FinalPacket.DestinationPort}{(path.FinalPacket.OutputInterface is { } dev ? $" out of {dev}" : string.Empty)}");
        }
    }

    private static string Hooks(PacketDirection direction) => direction switch
    {
        PacketDirection.Out => "output or postrouting",
        PacketDirection.Forward => "prerouting, forward or postrouting",
        _ => "prerouting or input",
    };
}
