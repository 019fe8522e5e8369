using PrivacyServices.Http;
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PrivacyServices.Authentication;
using PrivacyServices.Authentication.EntraId;
using PrivacyServices.Tokens;

namespace PrivacyServices.EntraId
{
    /// <summary>
    /// An app registration's own tokens (client credentials) through MSAL's ConfidentialClientApplication, with a client
    /// secret or a certificate. MSAL's in-memory cache keeps the tokens: it answers from the cache until shortly before expiry.
    /// </summary>
    internal sealed class ConfidentialClientTokenSource : ICachingTokenSource
    {
        private IConfidentialClientApplication? _app;
        private readonly EntraIdSettings _settings;
        private readonly HttpClient _http;

        public ConfidentialClientTokenSource(EntraIdSettings settings)
        {
            _settings = settings;
            var authority = settings.Authority ?? throw new ArgumentException("A confidential client needs an authority.", nameof(settings));
            var builder = ConfidentialClientApplicationBuilder.Create(settings.ClientId)
                .WithAuthority(authority.AuthorityUri.AbsoluteUri)
                .WithLogging(MsalTrace.Log, MsalTrace.Level, enablePiiLogging: false, enableDefaultPlatformLogging: false);

            if (settings.Kind == EntraIdCredentialKind.Certificate)
            {
                builder = builder.WithCertificate(settings.Certificate, settings.SendCertificateChain);
            }
            else
            {
                // MSAL keeps the secret as a string for the application's lifetime (the session's); it has no callback for secrets.
                builder = SecretText.Use(settings.ClientSecret!, secret => builder.WithClientSecret(secret));
            }

            _http = SingleHttpClientFactory.For(settings);
            builder = builder.WithHttpClientFactory(new SingleHttpClientFactory(_http));

            _app = builder.Build();
        }

        public async Task<(AccessToken Token, TokenOrigin Origin)> GetTokenAsync(bool bypassCache, CancellationToken cancellationToken)
        {
            try
            {
                var app = Volatile.Read(ref _app) ?? throw PrivacyServiceException.Disconnected();
                var result = await app.AcquireTokenForClient(_settings.Scopes)
                    .WithForceRefresh(bypassCache)
                    .ExecuteAsync(cancellationToken)
                    .ConfigureAwait(false);
                return MsalResults.ToToken(result, _settings, "Entra ID");
            }
            catch (MsalException ex)
            {
                throw MsalErrors.From(ex, $"Token request to Entra ID ({_settings.Authority!.TokenUri.GetLeftPart(UriPartial.Path)}) for client {_settings.ClientId}");
            }
        }

        public async Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken) =>
            (await GetTokenAsync(false, cancellationToken).ConfigureAwait(false)).Token;

        /// <summary>
        /// Drops MSAL's application, which holds the secret as a string and the token cache, so neither outlives the session.
        /// The secret's SecureString is the caller's (a PSCredential's password): it is left alone.
        /// </summary>
        public void Dispose()
        {
            Volatile.Write(ref _app, null);
            _http.Dispose();
        }
    }
}
