using Xunit;
using Microsoft.Extensions.Time.Testing;
using PrivacyServices.Authentication;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests.EntraId;

/// <summary>TokenCache in front of a source with its own cache (MSAL): it must not make that source ask its identity provider more often.</summary>
public sealed class CachingTokenSourceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Fresh_token_is_served_without_asking_the_source_again()
    {
        var source = new RecordingSource(_time);
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _time);

        var (first, firstOrigin) = await cache.GetTokenAsync(false, CancellationToken.None);
        var (second, secondOrigin) = await cache.GetTokenAsync(false, CancellationToken.None);

        Assert.Equal(TokenOrigin.IdentityProvider, firstOrigin);
        Assert.Equal(TokenOrigin.Cache, secondOrigin);
        Assert.Same(first, second);
        Assert.Equal(new[] { false }, source.Bypasses);
        Assert.Equal(1, cache.RequestCount);
    }

    [Fact]
    public async Task A_token_the_source_served_from_its_own_cache_is_not_counted_as_an_identity_provider_request()
    {
        var source = new RecordingSource(_time) { AnswerFromOwnCache = true };
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _time);

        await cache.GetTokenAsync(false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(59.5)); // stale for TokenCache's margin: it asks the source, which answers from its cache
        var (_, origin) = await cache.GetTokenAsync(false, CancellationToken.None);

        Assert.Equal(TokenOrigin.Cache, origin);
        Assert.Equal(new[] { false, false }, source.Bypasses);
        Assert.Equal(1, cache.RequestCount);
    }

    [Fact]
    public async Task ForceRefresh_bypasses_the_source_cache()
    {
        var source = new RecordingSource(_time);
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _time);

        await cache.GetTokenAsync(false, CancellationToken.None);
        await cache.GetTokenAsync(true, CancellationToken.None);

        Assert.Equal(new[] { false, true }, source.Bypasses);
        Assert.Equal(2, cache.RequestCount);
    }

    [Fact]
    public async Task A_token_an_API_refused_is_never_handed_out_again_by_the_source_cache()
    {
        var source = new RecordingSource(_time);
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _time);

        var (refused, _) = await cache.GetTokenAsync(false, CancellationToken.None);
        cache.Invalidate(refused);
        var (next, origin) = await cache.GetTokenAsync(false, CancellationToken.None);

        Assert.Equal(new[] { false, true }, source.Bypasses);
        Assert.NotEqual(refused.Value, next.Value);
        Assert.Equal(TokenOrigin.IdentityProvider, origin);
    }

    [Fact]
    public async Task A_failed_request_is_counted()
    {
        var source = new RecordingSource(_time) { Fail = true };
        using var cache = new TokenCache(source, new RefreshPolicy(TimeSpan.FromSeconds(60)), _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetTokenAsync(false, CancellationToken.None));
        Assert.Equal(1, cache.RequestCount);
    }

    private sealed class RecordingSource(TimeProvider time) : ICachingTokenSource
    {
        private AccessToken? _held;
        private int _issued;

        public List<bool> Bypasses { get; } = new();
        public bool AnswerFromOwnCache { get; init; }
        public bool Fail { get; init; }

        public Task<(AccessToken Token, TokenOrigin Origin)> GetTokenAsync(bool bypassCache, CancellationToken cancellationToken)
        {
            Bypasses.Add(bypassCache);
            if (Fail)
            {
                throw new InvalidOperationException("identity provider unreachable");
            }

            if (_held != null && !bypassCache && AnswerFromOwnCache)
            {
                return Task.FromResult((_held, TokenOrigin.Cache));
            }

            var now = time.GetUtcNow();
            _held = new AccessToken($"token-{++_issued}", "Bearer", now, now.AddHours(1), new[] { "api://x/.default" });
            return Task.FromResult((_held, TokenOrigin.IdentityProvider));
        }

        public async Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken) =>
            (await GetTokenAsync(false, cancellationToken)).Token;

        public void Dispose()
        {
        }
    }
}
