namespace NetLens.Core.Trace;

/// <summary>
/// Tells rate limiting from real loss: loss at a hop that later hops do not share is the router declining to
/// answer us; loss that every hop from some point to the last shows is real and starts at that point.
/// </summary>
public static class LossReader
{
    /// <summary>One <see cref="LossKind"/> per entry of <paramref name="lossPercents"/> (hops in TTL order, the last being the destination or the last hop probed).</summary>
    public static LossKind[] Read(IReadOnlyList<double> lossPercents)
    {
        var kinds = new LossKind[lossPercents.Count];
        var realFrom = lossPercents.Count;
        while (realFrom > 0 && lossPercents[realFrom - 1] > 0)
        {
            realFrom--;
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = i >= realFrom ? LossKind.Real : lossPercents[i] > 0 ? LossKind.RateLimited : LossKind.None;
        }

        return kinds;
    }
}
