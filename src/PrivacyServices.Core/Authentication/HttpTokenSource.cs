using System;
using System.Collections.Generic;
using System.Diagnostics;
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
        private readonly HttpClient _http;
        private readonly TimeProvider _time;

        protected HttpTokenSource(Uri tokenUri, HttpClient http, TimeProvider? time, IReadOnlyList<string> scopes, string scopeSeparator)
        {
            TransportPolicy.EnsureSecure(tokenUri, "TokenUri");
            TokenUri = tokenUri;
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _time = time ?? TimeProvider.System;
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
                    return await SendAsync(BuildRefreshRequest(previous.RefreshToken!), "refresh_token", cancellationToken).ConfigureAwait(false);
                }
                catch (PrivacyServiceException ex) when (ex.Kind == PrivacyErrorKind.Authentication || ex.Kind == PrivacyErrorKind.InvalidArgument)
                {
                    PrivacyTrace.Verbose($"The refresh token was refused ({ex.VendorCode ?? ex.StatusCode?.ToString()}); requesting a new token with the full grant.");
                }
            }

            return await SendAsync(BuildTokenRequest(), GrantName, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The grant named in traces (client_credentials, password, …).</summary>
        protected abstract string GrantName { get; }

        protected abstract HttpRequestMessage BuildTokenRequest();

        /// <summary>A refresh_token grant request; sources whose vendor has none never get here (no refresh token is issued).</summary>
        protected virtual HttpRequestMessage BuildRefreshRequest(string refreshToken) =>
            throw new NotSupportedException("This token source does not use refresh tokens.");

        private async Task<AccessToken> SendAsync(HttpRequestMessage request, string grant, CancellationToken cancellationToken)
        {
            using (request)
            {
                var stopwatch = Stopwatch.StartNew();
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new PrivacyServiceException(
                        PrivacyErrorKind.Connection,
                        "PrivacyServices.Token.Unreachable",
                        $"The token endpoint {Redactor.RedactUri(TokenUri)} could not be reached: {Redactor.RedactText(ex.Message)}",
                        innerException: null);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new PrivacyServiceException(
                        PrivacyErrorKind.Timeout,
                        "PrivacyServices.Token.Timeout",
                        $"The token endpoint {Redactor.RedactUri(TokenUri)} did not answer in time.");
                }

                using (response)
                {
                    PrivacyTrace.Verbose($"POST {Redactor.RedactUri(TokenUri)} ({grant}) → {(int)response.StatusCode} in {stopwatch.ElapsedMilliseconds} ms");
                    if (!response.IsSuccessStatusCode)
                    {
                        throw await HttpErrors.FromResponseAsync(response, $"Token request to {Redactor.RedactUri(TokenUri)}", "PrivacyServices.Token").ConfigureAwait(false);
                    }

                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var now = _time.GetUtcNow();
                    var skew = TokenResponseReader.ClockSkew(now, response.Headers.Date, string.Empty);
                    if (skew != TimeSpan.Zero)
                    {
                        PrivacyTrace.Verbose($"The token endpoint's clock is {skew.TotalSeconds:+0;-0} s from this machine's; token expiry is read in this machine's time.");
                    }

                    return TokenResponseReader.Read(body, now, Scopes, ScopeSeparator, response.Headers.Date);
                }
            }
        }

        public virtual void Dispose() => _http.Dispose();
    }
}
