namespace NetLens.Lab;

/// <summary>A veth pair joining two lab namespaces (this kernel has no dummy links: veth is the lab's wire).</summary>
public static class VethLink
{
    /// <summary>Creates the pair and brings both ends up. Interface names must be at most 15 characters.</summary>
    public static void Connect(LabNamespace a, string aName, LabNamespace b, string bName)
    {
        a.Ip($"link add {aName} type veth peer name {bName} netns {b.Name}");
        a.Ip($"link set {aName} up");
        b.Ip($"link set {bName} up");
    }
}
