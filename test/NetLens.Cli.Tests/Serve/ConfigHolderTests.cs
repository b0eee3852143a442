using NetLens.Serve.Config;

namespace NetLens.Cli.Tests.Serve;

public sealed class ConfigHolderTests
{
    [Fact]
    public void A_good_reload_swaps_in_the_new_module_and_a_bad_one_keeps_the_old_config()
    {
        var path = Path.Combine(Path.GetTempPath(), $"netlens-holder-{Guid.NewGuid():N}.yml");
        try
        {
            File.WriteAllText(path, "modules:\n  icmp:\n    prober: icmp\n");
            var holder = new ConfigHolder(ServeConfigReader.ReadFile(path), path, TimeProvider.System);
            Assert.Equal(["icmp"], holder.Current.Modules.Keys);

            File.WriteAllText(path, "modules:\n  icmp:\n    prober: icmp\n  tcp:\n    prober: tcp\n");
            Assert.Null(holder.Reload());
            Assert.True(holder.LastReloadSuccessful);
            Assert.Contains("tcp", holder.Current.Modules.Keys);

            File.WriteAllText(path, "modules:\n  broken:\n    prober: nosuch\n");
            var reason = holder.Reload();
            Assert.NotNull(reason);
            Assert.False(holder.LastReloadSuccessful);
            Assert.Contains("tcp", holder.Current.Modules.Keys);
            Assert.DoesNotContain("broken", holder.Current.Modules.Keys);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
