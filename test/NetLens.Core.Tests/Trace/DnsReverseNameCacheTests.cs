using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

/// <summary>Reverse names in the background: a resolver that blocks like getnameinfo never holds up the caller.</summary>
public class DnsReverseNameCacheTests
{
    private static readonly IPAddress Router = IPAddress.Parse("198.18.1.2");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Answers from a table, blocking each call until <see cref="Open"/> (as a slow DNS server would).</summary>
    private sealed class GatedResolver(Dictionary<IPAddress, string> names) : IReverseNameResolver, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();
        private int _calls;
        private int _running;
        private int _mostAtOnce;

        public int Calls => Volatile.Read(ref _calls);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public void Open() => _gate.Set();

        public Task<string?> ResolveAsync(IPAddress address, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, running, most) != most)
            {
            }

            _gate.Wait(cancellationToken);
            Interlocked.Decrement(ref _running);
            return names.TryGetValue(address, out var name) ? Task.FromResult<string?>(name) : throw new InvalidOperationException("no PTR");
        }

        public void Dispose() => _gate.Dispose();
    }

    private static string? PollName(ReverseNameCache cache, IPAddress address)
    {
        var until = DateTime.UtcNow + Bound;
        string? name;
        while ((name = cache.NameOf(address)) is null && DateTime.UtcNow < until)
        {
            Thread.Sleep(10);
        }

        return name;
    }

    [Fact]
    public async Task Asking_for_a_name_returns_at_once_while_the_lookup_blocks_and_the_name_shows_once_it_is_done()
    {
        using var resolver = new GatedResolver(new() { [Router] = "r1.lab.example" });
        using var cache = new ReverseNameCache(resolver);

        // Given a resolver that blocks, when the name is asked for on this thread, then the answer is "not yet".
        var asked = Task.Factory.StartNew(() => cache.NameOf(Router), TaskCreationOptions.LongRunning);
        Assert.Same(asked, await Task.WhenAny(asked, Task.Delay(Bound)));
        Assert.Null(await asked);

        resolver.Open();

        Assert.Equal("r1.lab.example", PollName(cache, Router));
    }

    [Fact]
    public void Each_address_is_looked_up_once_however_often_it_is_asked_for()
    {
        using var resolver = new GatedResolver(new() { [Router] = "r1.lab.example" });
        using var cache = new ReverseNameCache(resolver);

        for (var i = 0; i < 50; i++)
        {
            cache.Request(Router);
        }

        resolver.Open();
        Assert.Equal("r1.lab.example", PollName(cache, Router));
        cache.NameOf(Router);

        Assert.Equal(1, resolver.Calls);
    }

    [Fact]
    public async Task A_failed_lookup_leaves_the_address_without_a_name()
    {
        using var resolver = new GatedResolver([]);
        using var cache = new ReverseNameCache(resolver);
        resolver.Open();

        _ = cache.Request(Router);

        Assert.True(await cache.WaitForPendingAsync(Bound, CancellationToken.None));
        Assert.Null(cache.NameOf(Router));
        Assert.Equal(1, resolver.Calls);
    }

    [Fact]
    public async Task No_more_lookups_run_at_once_than_the_cache_allows()
    {
        using var resolver = new GatedResolver([]);
        using var cache = new ReverseNameCache(resolver, concurrentLookups: 2);
        var addresses = Enumerable.Range(1, 8).Select(i => IPAddress.Parse($"198.18.{i}.2")).ToList();

        addresses.ForEach(a => _ = cache.Request(a));
        var until = DateTime.UtcNow + Bound;
        while (resolver.Calls < 2 && DateTime.UtcNow < until)
        {
            Thread.Sleep(10);
        }

        resolver.Open();

        Assert.True(await cache.WaitForPendingAsync(Bound, CancellationToken.None));
        Assert.Equal(8, resolver.Calls);
        Assert.Equal(2, resolver.MostAtOnce);
    }

    [Fact]
    public async Task Waiting_for_pending_lookups_gives_up_after_its_bound_when_the_resolver_hangs()
    {
        using var resolver = new GatedResolver([]);
        using var cache = new ReverseNameCache(resolver);

        _ = cache.Request(Router);

        Assert.False(await cache.WaitForPendingAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        Assert.Null(cache.NameOf(Router));
    }

    [Fact]
    public async Task Waiting_for_pending_lookups_ends_when_the_user_cancels_before_the_bound()
    {
        using var resolver = new GatedResolver([]);
        using var cache = new ReverseNameCache(resolver);
        using var cancel = new CancellationTokenSource();
        _ = cache.Request(Router);

        // Given a resolver that hangs, when the user cancels during a long wait, then the wait ends with the cancellation, not the bound.
        var waiting = cache.WaitForPendingAsync(TimeSpan.FromMinutes(10), cancel.Token);
        await cancel.CancelAsync();

        var ended = await Task.WhenAny(waiting, Task.Delay(Bound));
        Assert.Same(waiting, ended);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Waiting_with_nothing_pending_is_done_at_once()
    {
        using var resolver = new GatedResolver([]);
        using var cache = new ReverseNameCache(resolver);

        Assert.True(await cache.WaitForPendingAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
