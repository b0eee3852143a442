namespace NetLens.Linux.Tests.Netlink;

/// <summary>Reads the captured datagrams of Fixtures/netlink: '#' comment lines, then one datagram per line in hex.</summary>
internal static class NetlinkFixture
{
    public static IReadOnlyList<byte[]> Datagrams(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "netlink", name);
        var datagrams = new List<byte[]>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                datagrams.Add(Convert.FromHexString(line.Trim()));
            }
        }

        return datagrams;
    }

    /// <summary>The single datagram of a request or answer file.</summary>
    public static byte[] Single(string name) => Assert.Single(Datagrams(name));
}
