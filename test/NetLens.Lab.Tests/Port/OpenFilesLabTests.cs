using System.Text;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// The files port open and close touch keep what the admin had: `--name` then close gives the services file back byte
/// for byte (CRLF, Latin-1, no final newline, a symlink to a file of another owner), and two --persist runs within a
/// second both keep what they found, the first original included.
/// </summary>
public sealed class OpenFilesLabTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("netlens-files-").FullName;

    public static TheoryData<string, byte[]> ServicesFiles => new()
    {
        { "crlf-latin1-no-final-newline", Encoding.Latin1.GetBytes("# Dienste f\u00fcr M\u00fcller\r\nssh\t\t22/tcp\t# \u00e9t\u00e9\r\nvxlan\t\t4789/udp") },
        { "lf", "# the admin's own file\nssh\t\t22/tcp\n"u8.ToArray() },
        { "empty", [] },
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [SkippableTheory]
    [MemberData(nameof(ServicesFiles))]
    public void Open_then_close_with_a_name_leaves_the_services_file_byte_identical(string name, byte[] original)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var services = Path.Combine(_root, name);
        File.WriteAllBytes(services, original);

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--name", "otv", "--services-file", services);
        Assert.True(open.ExitCode == 0, open.Stderr);
        var opened = File.ReadAllBytes(services);
        Assert.Contains("otv\t\t8472/udp\t# added by netlens", Encoding.Latin1.GetString(opened), StringComparison.Ordinal);
        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "8472/udp", "--name", "otv", "--services-file", services);

        Assert.True(close.ExitCode == 0, close.Stderr);
        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(File.ReadAllBytes(services)));
    }

    [SkippableFact]
    public void An_empty_or_directory_services_file_is_bad_usage_before_any_change()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var before = lab.Ruleset();

        var empty = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--name", "otv", "--services-file", string.Empty);
        var directory = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--name", "otv", "--services-file", _root);

        Assert.Equal((2, "netlens: error: --services-file needs a file name, not an empty one (see 'netlens port open --help')\n"), (empty.ExitCode, empty.Stderr));
        Assert.Equal((2, $"netlens: error: --services-file \"{_root}\" is a directory (name a file) (see 'netlens port open --help')\n"), (directory.ExitCode, directory.Stderr));
        Assert.Equal(before, lab.Ruleset());
    }

    [SkippableFact]
    public void A_symlinked_services_file_stays_a_link_and_its_target_keeps_owner_and_mode()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var original = Encoding.Latin1.GetBytes("# caf\u00e9\r\nssh\t\t22/tcp\r\n");
        var target = Path.Combine(_root, "services.real");
        var link = Path.Combine(_root, "services");
        File.WriteAllBytes(target, original);
        Shell.Check("chown", ["65534:65534", target]);
        Shell.Check("chmod", ["0640", target]);
        File.CreateSymbolicLink(link, "services.real");

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--name", "otv", "--services-file", link);
        Assert.True(open.ExitCode == 0, open.Stderr);
        Assert.Equal("services.real", new FileInfo(link).LinkTarget);
        Assert.StartsWith("symbolic link ", Stat(link), StringComparison.Ordinal);
        Assert.Equal("regular file 65534:65534 640\n", Stat(target));
        Assert.EndsWith("otv\t\t8472/udp\t# added by netlens\r\n", Encoding.Latin1.GetString(File.ReadAllBytes(target)), StringComparison.Ordinal);
        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "8472/udp", "--name", "otv", "--services-file", link);

        Assert.True(close.ExitCode == 0, close.Stderr);
        Assert.Equal("services.real", new FileInfo(link).LinkTarget);
        Assert.Equal("regular file 65534:65534 640\n", Stat(target));
        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(File.ReadAllBytes(target)));
    }

    [SkippableFact]
    public void Open_then_close_persist_within_a_second_keeps_the_original_nftables_conf()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var conf = Path.Combine(_root, "etc/nftables.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
        File.WriteAllText(conf, "# the original file\n");

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--persist", "--persist-root", _root);
        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "8472/udp", "--persist", "--persist-root", _root);

        Assert.True(open.ExitCode == 0, open.Stderr);
        Assert.True(close.ExitCode == 0, close.Stderr);
        AssertOriginalKept(conf, "# the original file\n", open.Stdout);
    }

    [SkippableFact]
    public void Open_then_close_persist_within_a_second_keeps_the_original_iptables_rules()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);
        var rules = Path.Combine(_root, "etc/iptables");
        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "rules.v4"), "# original v4\n");
        File.WriteAllText(Path.Combine(rules, "rules.v6"), "# original v6\n");

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/tcp", "--persist", "--persist-root", _root);
        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "8472/tcp", "--persist", "--persist-root", _root);

        Assert.True(open.ExitCode == 0, open.Stderr);
        Assert.True(close.ExitCode == 0, close.Stderr);
        AssertOriginalKept(Path.Combine(rules, "rules.v4"), "# original v4\n", open.Stdout);
        AssertOriginalKept(Path.Combine(rules, "rules.v6"), "# original v6\n", open.Stdout);
    }

    /// <summary>Two runs, two backups (never one written over the other); the first holds the original, and so does PATH.netlens-orig.</summary>
    private static void AssertOriginalKept(string path, string original, string openOutput)
    {
        var backups = Directory.GetFiles(Path.GetDirectoryName(path)!, $"{Path.GetFileName(path)}.netlens-*.bak").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, backups.Count);
        Assert.Equal(original, File.ReadAllText(backups[0]));
        Assert.Contains("netlens", File.ReadAllText(backups[1]), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText($"{path}.netlens-orig"));
        Assert.Contains($"persisted: {path} (previous file kept as {backups[0]}; the first original as {path}.netlens-orig)", openOutput, StringComparison.Ordinal);
    }

    /// <summary>The path itself (not what a link points to): kind, owner:group and mode as stat prints them.</summary>
    private static string Stat(string path) => Shell.Check("stat", ["-c", "%F %u:%g %a", path]);
}
