using System;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Authentication;

namespace PrivacyServices.Tokens
{
    /// <summary>Where a token handed out came from.</summary>
    public enum TokenOrigin
    {
        Cache,
        IdentityProvider,
    }

    /// <summary>
    /// Keeps one token per session and refreshes it shortly before expiry. Concurrent callers that find it stale
    /// wait for a single request to the identity provider (single flight).
    /// </summary>
    public sealed class TokenCache : IDisposable
    {
        private readonly ITokenSource _source;
        private readonly SecretScope? _secrets;
        private int _disposed;
        private readonly RefreshPolicy _policy;
        private readonly TimeProvider _time;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private AccessToken? _current;
        private AccessToken? _last;
        private long _requestCount;

        public TokenCache(ITokenSource source, RefreshPolicy policy, TimeProvider? time = null, SecretScope? secrets = null)
        {
            _secrets = secrets;
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _time = time ?? TimeProvider.System;
        }

        /// <summary>How many tokens this cache has requested from the identity provider.</summary>
        public long RequestCount => Interlocked.Read(ref _requestCount);

        public RefreshPolicy Policy => _policy;

        /// <summary>The token now held, if any (it may be stale).</summary>
        public AccessToken? Current => Volatile.Read(ref _current);

        public async Task<(AccessToken Token, TokenOrigin Origin)> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            try
            {
                return await GetOrAcquireAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (Volatile.Read(ref _disposed) == 1)
            {
                throw PrivacyServiceException.Disconnected();
            }
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                throw PrivacyServiceException.Disconnected();
            }
        }

        private async Task<(AccessToken Token, TokenOrigin Origin)> GetOrAcquireAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            var seen = Volatile.Read(ref _current);
            if (!forceRefresh && seen != null && _policy.IsFresh(seen, _time.GetUtcNow()))
            {
                return (seen, TokenOrigin.Cache);
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = Volatile.Read(ref _current);
                var someoneElseRefreshed = current != null && !ReferenceEquals(current, seen);
                if (current != null && (!forceRefresh || someoneElseRefreshed) && _policy.IsFresh(current, _time.GetUtcNow()))
                {
                    return (current, TokenOrigin.Cache);
                }

                // No current token after one was issued means an API refused it (Invalidate): a source with a cache of its own must not hand it out again.
                var bypassSourceCache = forceRefresh || (current == null && _last != null);
                var (fresh, origin) = await AcquireAsync(bypassSourceCache, cancellationToken).ConfigureAwait(false);
                ThrowIfDisposed(); // disconnected while the token was on its way: it is not kept
                if (_secrets != null)
                {
                    _secrets.Remember("access", fresh.Value);
                    _secrets.Remember("refresh", fresh.RefreshToken);
                    _secrets.Remember("id", fresh.IdToken);
                }

                _last = fresh;
                Volatile.Write(ref _current, fresh);
                return (fresh, origin);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<(AccessToken Token, TokenOrigin Origin)> AcquireAsync(bool bypassSourceCache, CancellationToken cancellationToken)
        {
            if (!(_source is ICachingTokenSource caching))
            {
                Interlocked.Increment(ref _requestCount);
                return (await _source.AcquireTokenAsync(_last, cancellationToken).ConfigureAwait(false), TokenOrigin.IdentityProvider);
            }

            try
            {
                var result = await caching.GetTokenAsync(bypassSourceCache, cancellationToken).ConfigureAwait(false);
                if (result.Origin == TokenOrigin.IdentityProvider)
                {
                    Interlocked.Increment(ref _requestCount);
                }

                return result;
            }
            catch
            {
                // Only a request to the identity provider fails; a cache hit does not.
                Interlocked.Increment(ref _requestCount);
                throw;
            }
        }

        /// <summary>Drops the token if it is still the one held (an API answered 401 to it). Its refresh token stays usable.</summary>
        public void Invalidate(AccessToken token)
        {
            Interlocked.CompareExchange(ref _current, null, token);
        }

        /// <summary>Forgets every token (Disconnect-PrivacyService).</summary>
        public void Clear()
        {
            Volatile.Write(ref _current, null);
            _last = null;
        }

        /// <summary>Forgets every token and drops the token source (its client, secret and cache). Calls in flight end with a "disconnected" error.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            Clear();
            _source.Dispose();
        }
    }
}
