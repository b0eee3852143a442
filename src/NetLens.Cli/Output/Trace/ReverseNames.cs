using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>The names writers show for hop addresses: reverse names as they arrive, or none with -n.</summary>
public sealed class ReverseNames(ReverseNameCache? cache) : IDisposable
{
    /// <summary>-n: addresses only, nothing looked up.</summary>
    public static ReverseNames Off => new(null);

    /// <summary>How long a report or document waits, after the last round, for names still being looked up.</summary>
    public static TimeSpan ReportWait { get; } = TimeSpan.FromSeconds(2);

    public bool Enabled => cache is not null;

    /// <summary>Starts the lookup in the background; never waits.</summary>
    public void Request(IPAddress? address)
    {
        if (address is not null)
        {
            cache?.Request(address);
        }
    }

    /// <summary>The name once its lookup has finished with one; null otherwise (and always with -n).</summary>
    public string? NameOf(IPAddress address) => cache?.NameOf(address);

    /// <summary>-b: a named host is shown as "name (address)", as mtr -b does.</summary>
    public bool ShowAddresses { get; init; }

    /// <summary>What mtr shows for a host: its name when it has one (with -b followed by its address), else the address.</summary>
    public string Display(IPAddress address) => NameOf(address) is { } name
        ? ShowAddresses ? $"{name} ({address})" : name
        : address.ToString();

    /// <summary>
    /// Before a one-shot document: gives lookups under way at most <paramref name="bound"/> to finish. A cancellation
    /// (Ctrl-C while waiting) ends the wait, not the document: names already known are shown.
    /// </summary>
    public async Task WaitForPendingAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return;
        }

        try
        {
            await cache.WaitForPendingAsync(bound, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => cache?.Dispose();
}
