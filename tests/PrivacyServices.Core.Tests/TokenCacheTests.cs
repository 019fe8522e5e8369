using Microsoft.Extensions.Time.Testing;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests;

public sealed class TokenCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Reuses_the_token_until_the_margin_before_expiry()
    {
        var source = new FakeTokenSource(_clock, TimeSpan.FromHours(1));
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _clock);

        var first = await cache.GetTokenAsync(false, default);
        _clock.Advance(TimeSpan.FromMinutes(58));
        var second = await cache.GetTokenAsync(false, default);
        _clock.Advance(TimeSpan.FromSeconds(61)); // 59:01 — inside the 60-second margin
        var third = await cache.GetTokenAsync(false, default);

        Assert.Equal(TokenOrigin.IdentityProvider, first.Origin);
        Assert.Equal(TokenOrigin.Cache, second.Origin);
        Assert.Same(first.Token, second.Token);
        Assert.Equal(TokenOrigin.IdentityProvider, third.Origin);
        Assert.Equal(2, source.Count);
        Assert.Equal(2, cache.RequestCount);
    }

    [Fact]
    public async Task A_short_token_is_not_refreshed_on_every_call_because_the_margin_is_capped_at_half_its_lifetime()
    {
        var source = new FakeTokenSource(_clock, TimeSpan.FromSeconds(60));
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _clock);

        await cache.GetTokenAsync(false, default);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var stillCached = await cache.GetTokenAsync(false, default);
        _clock.Advance(TimeSpan.FromSeconds(2)); // 31 s: past half of 60
        var renewed = await cache.GetTokenAsync(false, default);

        Assert.Equal(TokenOrigin.Cache, stillCached.Origin);
        Assert.Equal(TokenOrigin.IdentityProvider, renewed.Origin);
        Assert.Equal(2, source.Count);
    }

    [Theory]
    [InlineData(3600, 60, 60)]
    [InlineData(60, 60, 30)]
    [InlineData(10, 60, 5)]
    [InlineData(3600, 0, 0)]
    public void Effective_margin_is_the_smaller_of_the_margin_and_half_the_lifetime(int lifetimeSeconds, int marginSeconds, int expected)
    {
        var now = _clock.GetUtcNow();
        var token = new AccessToken("t", "Bearer", now, now.AddSeconds(lifetimeSeconds), Array.Empty<string>());
        Assert.Equal(TimeSpan.FromSeconds(expected), new RefreshPolicy(TimeSpan.FromSeconds(marginSeconds)).EffectiveMargin(token));
    }

    [Fact]
    public async Task Concurrent_callers_that_find_the_token_stale_cause_exactly_one_request()
    {
        var source = new FakeTokenSource(_clock, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _clock);

        var callers = Enumerable.Range(0, 64).Select(_ => Task.Run(() => cache.GetTokenAsync(false, default))).ToArray();
        await Task.Delay(100);
        source.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, source.Count);
        Assert.All(results, r => Assert.Equal("token-1", r.Token.Value));
        Assert.Single(results, r => r.Origin == TokenOrigin.IdentityProvider);
    }

    [Fact]
    public async Task Force_refresh_requests_a_new_token_and_passes_the_previous_one_for_its_refresh_token()
    {
        var source = new FakeTokenSource(_clock, TimeSpan.FromHours(1));
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _clock);

        var first = await cache.GetTokenAsync(false, default);
        var forced = await cache.GetTokenAsync(true, default);

        Assert.Equal(TokenOrigin.IdentityProvider, forced.Origin);
        Assert.NotEqual(first.Token.Value, forced.Token.Value);
        Assert.Null(source.PreviousSeen[0]);
        Assert.Same(first.Token, source.PreviousSeen[1]);
    }

    [Fact]
    public async Task Invalidate_drops_only_the_token_that_was_refused()
    {
        var source = new FakeTokenSource(_clock, TimeSpan.FromHours(1));
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _clock);

        var first = await cache.GetTokenAsync(false, default);
        cache.Invalidate(first.Token);
        var second = await cache.GetTokenAsync(false, default);
        cache.Invalidate(first.Token); // a late 401 for the old token must not throw away the new one
        var third = await cache.GetTokenAsync(false, default);

        Assert.Equal(TokenOrigin.IdentityProvider, second.Origin);
        Assert.Equal(TokenOrigin.Cache, third.Origin);
        Assert.Same(second.Token, third.Token);
        Assert.Equal(2, source.Count);
    }

    [Fact]
    public async Task Concurrent_401s_for_the_same_token_cause_one_new_request()
    {
        var source = new FakeTokenSource(_clock, TimeSpan.FromHours(1));
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _clock);
        var first = await cache.GetTokenAsync(false, default);

        var callers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            cache.Invalidate(first.Token);
            return await cache.GetTokenAsync(false, default);
        })).ToArray();
        await Task.WhenAll(callers);

        Assert.Equal(2, source.Count);
    }
}
