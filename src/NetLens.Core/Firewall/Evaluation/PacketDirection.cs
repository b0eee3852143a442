namespace NetLens.Core.Firewall.Evaluation;

/// <summary>Which way the asked packet goes, and so which hooks it meets: in (prerouting, input), out (output, postrouting), forward (prerouting, forward, postrouting).</summary>
public enum PacketDirection
{
    In,
    Out,
    Forward,
}

/// <summary>The words of --direction.</summary>
public static class PacketDirectionWords
{
    public static string Word(this PacketDirection direction) => direction switch
    {
        PacketDirection.Out => "out",
        PacketDirection.Forward => "forward",
        _ => "in",
    };

    public static PacketDirection? Parse(string word) => word switch
    {
        "in" => PacketDirection.In,
        "out" => PacketDirection.Out,
        "forward" => PacketDirection.Forward,
        _ => null,
    };
}
