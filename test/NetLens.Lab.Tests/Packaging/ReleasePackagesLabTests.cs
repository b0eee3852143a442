namespace NetLens.Lab.Tests.Packaging;

/// <summary>
/// packaging/build.sh with the lab's native binary: the .deb holds the binary, the man pages and the three completions
/// at Debian's paths, its control names a libc dependency, and what it unpacks runs; the tarball holds the same.
/// </summary>
public sealed class ReleasePackagesLabTests
{
    [SkippableFact]
    public void The_deb_and_the_tarball_carry_a_binary_that_runs_its_man_pages_and_completions()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var work = Directory.CreateTempSubdirectory("netlens-release-");
        try
        {
            var output = Path.Combine(work.FullName, "out");
            Shell.Check(Path.Combine(NativeBinary.RepositoryRoot, "packaging", "build.sh"), ["--binary", NativeBinary.Path, "--out", output]);
            var deb = Directory.GetFiles(output, "netlens_*_amd64.deb").Single();
            var tarball = Directory.GetFiles(output, "netlens-*-linux-x64.tar.gz").Single();

            var files = Shell.Check("dpkg-deb", ["-c", deb]);
            foreach (var path in new[]
            {
                "./usr/bin/netlens", "./usr/bin/netlens-otlp", "./usr/share/man/man1/netlens.1.gz", "./usr/share/man/man1/netlens-route-get.1.gz",
                "./usr/share/bash-completion/completions/netlens", "./usr/share/zsh/vendor-completions/_netlens",
                "./usr/share/fish/vendor_completions.d/netlens.fish",
            })
            {
                Assert.Contains(path, files);
            }

            Assert.Contains("Depends: libc6", Shell.Check("dpkg-deb", ["-I", deb]));

            var unpacked = Path.Combine(work.FullName, "root");
            Shell.Check("dpkg-deb", ["-x", deb, unpacked]);
            var version = Shell.Check(NativeBinary.Path, ["--version"]);
            Assert.Equal(version, Shell.Check(Path.Combine(unpacked, "usr/bin/netlens"), ["--version"]));
            Assert.Contains("NETLENS(1)", Shell.Check("env", ["MANWIDTH=120", "man", "-l", Path.Combine(unpacked, "usr/share/man/man1/netlens.1.gz")]));
            Assert.Contains("complete -o default -F __netlens_complete netlens", File.ReadAllText(Path.Combine(unpacked, "usr/share/bash-completion/completions/netlens")));

            var listed = Shell.Check("tar", ["-tzf", tarball]);
            Assert.Matches(@"(?m)/netlens$", listed);
            Assert.Matches(@"(?m)/netlens-otlp$", listed);
            Assert.Contains(".1", listed);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
