using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class ScanProgressMeterTests
{
    [Fact]
    public void Rounds_add_up_to_one_share_that_only_grows()
    {
        // 3 rounds of 2 hosts, 100 ports each; the second round has one host down
        var meter = new ScanProgressMeter(6, 100);
        var shown = new List<long>();
        foreach (var down in new[] { 0, 1, 0 })
        {
            meter.StartRound(2, down);
            var total = (2 - down) * 100;
            foreach (var settled in new[] { 0, total / 2, total / 4, total })
            {
                shown.Add(meter.Overall(new ScanProgress(settled, total, settled, TimeSpan.FromSeconds(shown.Count + 1))).Settled);
            }

            meter.EndRound();
        }

        Assert.Equal(shown.Order(), shown);
        Assert.Equal(600, shown[^1]);
        Assert.Equal(200, shown[3]);
        Assert.Equal(300, shown[4]);
    }

    [Fact]
    public void The_time_left_is_the_time_so_far_scaled_by_what_remains()
    {
        var meter = new ScanProgressMeter(1, 1000);
        meter.StartRound(1, 0);

        var quarter = meter.Overall(new ScanProgress(250, 1000, 300, TimeSpan.FromSeconds(10)));
        var done = meter.Overall(new ScanProgress(1000, 1000, 1100, TimeSpan.FromSeconds(40)));

        Assert.Equal(TimeSpan.FromSeconds(30), quarter.Remaining);
        Assert.Null(done.Remaining);
        Assert.Equal(1000, quarter.Total);
    }

    [Fact]
    public void Probes_of_finished_rounds_are_kept()
    {
        var meter = new ScanProgressMeter(2, 10);
        meter.StartRound(1, 0);
        meter.Overall(new ScanProgress(10, 10, 12, TimeSpan.FromSeconds(1)));
        meter.EndRound();
        meter.StartRound(1, 0);

        Assert.Equal(15, meter.Overall(new ScanProgress(2, 10, 3, TimeSpan.FromSeconds(2))).ProbesSent);
    }
}
