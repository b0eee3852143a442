using System.Net;

namespace NetLens.Core.Trace;

/// <summary>Finds the name of an address (a PTR lookup); may take seconds, so <see cref="ReverseNameCache"/> calls it off the probing thread.</summary>
public interface IReverseNameResolver
{
    /// <summary>The name, or null when the address has none.</summary>
    Task<string?> ResolveAsync(IPAddress address, CancellationToken cancellationToken);
}

/// <summary>
/// Reverse names looked up in the background, each address once: asking never waits, a name shows up once its
/// lookup is done. Probing never waits for DNS, and a slow or dead resolver costs only missing names.
/// </summary>
public sealed class ReverseNameCache(IReverseNameResolver resolver, int concurrentLookups = 4) : IDisposable
{
    private readonly Dictionary<IPAddress, Task<string?>> _lookups = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots = new(concurrentLookups);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>The name if its lookup has finished with one; otherwise null, and the lookup is started if it was not yet.</summary>
    public string? NameOf(IPAddress address)
    {
        var lookup = Request(address);
        return lookup.IsCompletedSuccessfully ? lookup.Result : null;
    }

    /// <summary>Starts the lookup of <paramref name="address"/> unless it is known or under way; returns at once.</summary>
    public Task<string?> Request(IPAddress address)
    {
        lock (_gate)
        {
            if (!_lookups.TryGetValue(address, out var lookup))
            {
                lookup = LookUp(address);
                _lookups[address] = lookup;
            }

            return lookup;
        }
    }

    /// <summary>
    /// Waits at most <paramref name="bound"/> for the lookups under way (a report is written once, so it waits a little
    /// for names); true when all are done, false when the bound ran out. Throws <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> is cancelled first.
    /// </summary>
    public async Task<bool> WaitForPendingAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        Task<string?>[] pending;
        lock (_gate)
        {
            pending = [.. _lookups.Values.Where(t => !t.IsCompleted)];
        }

        if (pending.Length == 0)
        {
            return true;
        }

        try
        {
            // lookups never fault (a failure is a missing name), so the only ways out are done, the bound, or the user
            await Task.WhenAll(pending).WaitAsync(bound, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        // Lookups still running see the cancellation and end; nobody waits for them.
        _stop.Cancel();
    }

    private async Task<string?> LookUp(IPAddress address)
    {
        // Off the caller's thread before anything else: a resolver may block (getnameinfo does).
        await Task.Yield();
        try
        {
            await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                var name = await resolver.ResolveAsync(address, _stop.Token).ConfigureAwait(false);
                return string.IsNullOrEmpty(name) ? null : name;
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (Exception)
        {
            // Cancelled, or the resolver failed: an address without a name, shown as the address (as mtr does).
            return null;
        }
    }
}
