using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Authentication
{
    /// <summary>A token source that POSTs to a token endpoint: sends, times, maps errors, and reads the response.</summary>
    public abstract class HttpTokenSource : ITokenSource
    {
        /// <summary>A token request is safe to repeat: 429/503, transport failures and 5xx are retried like any safe request.</summary>
        public static readonly RetryPolicy TokenRetry = new RetryPolicy(3);

        private readonly HttpSendPath _send;
        private readonly TimeProvider _time;

        protected HttpTokenSource(Uri tokenUri, HttpClient http, TimeProvider? time, IReadOnlyList<string> scopes, string scopeSeparator)
        {
            TransportPolicy.EnsureSecure(tokenUri, "TokenUri");
            TokenUri = tokenUri;
            if (http == null)
            {
                throw new ArgumentNullException(nameof(http));
            }

            _time = time ?? TimeProvider.System;

            // The send path times each attempt (headers and body); the client's own timeout would end it without saying why.
            var timeout = http.Timeout == System.Threading.Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(100) : http.Timeout;
            http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            _send = new HttpSendPath(http, TokenRetry, timeout, _time);
            Scopes = scopes ?? Array.Empty<string>();
            ScopeSeparator = scopeSeparator;
        }

        public Uri TokenUri { get; }
        public IReadOnlyList<string> Scopes { get; }
        public string ScopeSeparator { get; }

        protected string ScopeText => string.Join(ScopeSeparator, Scopes);

        public async Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken)
        {
            var now = _time.GetUtcNow();
            if (previous != null && previous.HasUsableRefreshToken(now))
            {
                try
                {
                    var refreshToken = previous.RefreshToken!;
                    return await SendAsync(() => BuildRefreshRequest(refreshToken), "refresh_token", cancellationToken).ConfigureAwait(false);
                }
                catch (PrivacyServiceException ex) when (ex.Kind == PrivacyErrorKind.Authentication || ex.Kind == PrivacyErrorKind.InvalidArgument)
                {
                    PrivacyTrace.Verbose($"The refresh token was refused ({ex.VendorCode ?? ex.StatusCode?.ToString()}); requesting a new token with the full grant.");
                }
            }

            return await SendAsync(BuildTokenRequest, GrantName, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The grant named in traces (client_credentials, password, …).</summary>
        protected abstract string GrantName { get; }

        protected abstract HttpRequestMessage BuildTokenRequest();

        /// <summary>A refresh_token grant request; sources whose vendor has none never get here (no refresh token is issued).</summary>
        protected virtual HttpRequestMessage BuildRefreshRequest(string refreshToken) =>
            throw new NotSupportedException("This token source does not use refresh tokens.");

        private Task<AccessToken> SendAsync(Func<HttpRequestMessage> build, string grant, CancellationToken cancellationToken)
        {
            var request = new OutgoingRequest(HttpMethod.Post, TokenUri, _ => build(), $"Token request to {Redactor.RedactUri(TokenUri)} ({grant})")
            {
                SafeToRepeat = true,
                ErrorIdPrefix = "PrivacyServices.Token",
                ConnectionFailedId = "PrivacyServices.Token.Unreachable",
                TimeoutId = "PrivacyServices.Token.Timeout",
            };
            return _send.SendAsync(request, async (response, scope) =>
            {
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var skew = TokenResponseReader.ClockSkew(now, response.Headers.Date, string.Empty);
                if (skew != TimeSpan.Zero)
                {
                    PrivacyTrace.Verbose($"The token endpoint's clock is {skew.TotalSeconds:+0;-0} s from this machine's; token expiry is read in this machine's time.");
                }

                return TokenResponseReader.Read(body, now, Scopes, ScopeSeparator, response.Headers.Date);
            }, cancellationToken);
        }

        public virtual void Dispose() => _send.Dispose();
    }
}
