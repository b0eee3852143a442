using NetLens.Cli.Commands.Doctor;
using NetLens.Core.Doctor;

namespace NetLens.Cli.Output.Doctor;

/// <summary>A proposed fix as the `port open` a user would type, and the `port close` that undoes it.</summary>
public sealed record DoctorFixCommand(DoctorFix Fix, string? Netns, string Open, string Close)
{
    public string OnWord => Fix.On == FixHost.Peer ? "peer" : "local";
}

public static class DoctorFixWords
{
    public static IReadOnlyList<DoctorFixCommand> Commands(DoctorReport report, DoctorOptions options) =>
        [.. report.Fixes.Select(fix =>
        {
            var netns = fix.On == FixHost.Peer ? options.PeerNetns : options.Netns;
            var where = netns is null ? string.Empty : $" --netns {Quoted(netns)}";
            var limit = fix.Peer is null ? string.Empty : fix.Direction == "out" ? $" --direction out --peer {fix.Peer}" : $" --from {fix.Peer}";
            var words = $"{fix.PortSpec}{limit}";
            return new DoctorFixCommand(fix, netns, $"netlens{where} port open {words}", $"netlens{where} port close {words}");
        })];

    private static string Quoted(string word) => word.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/') ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
