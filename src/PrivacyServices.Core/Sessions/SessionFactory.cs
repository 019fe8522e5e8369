using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using PrivacyServices.Authentication;
using PrivacyServices.Http;
using PrivacyServices.Providers;
using PrivacyServices.Tokens;

namespace PrivacyServices.Sessions
{
    /// <summary>Builds a session from <see cref="ConnectOptions"/>: picks the provider's URIs, token source and headers.</summary>
    public static class SessionFactory
    {
        public static PrivacyServiceSession Create(ConnectOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var profile = ProviderProfiles.For(options.Provider);
            var tokenUri = options.TokenUri ?? profile.DefaultTokenUri(options.Environment);
            var apiBaseUri = options.ApiBaseUri ?? profile.DefaultApiBaseUri(options.Environment);
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

            switch (options.Provider)
            {
                case PrivacyProvider.Generic:
                    tokenUri = Require(tokenUri, "TokenUri", "the Generic provider has no default token endpoint");
                    apiBaseUri = apiBaseUri ?? new Uri(tokenUri.GetLeftPart(UriPartial.Authority));
                    break;
                case PrivacyProvider.Telia:
                    AddSetting(settings, "ProjectId", options.ProjectId);
                    break;
                case PrivacyProvider.DnB:
                    break;
                default:
                    throw new PrivacyServiceException(
                        PrivacyErrorKind.InvalidArgument,
                        "PrivacyServices.Connect.ProviderNotSupported",
                        $"Provider {options.Provider} is not supported by this version of PrivacyServices.");
            }

            apiBaseUri = Require(apiBaseUri, "ApiBaseUri", $"the {options.Provider} provider needs the API's base URI");
            var name = string.IsNullOrWhiteSpace(options.Name) ? options.Provider.ToString() : options.Name!.Trim();
            var time = options.Time ?? TimeProvider.System;
            var tokenSource = CreateTokenSource(options, profile, tokenUri, time);
            var tokens = new TokenCache(tokenSource, new RefreshPolicy(options.RefreshMargin), time);
            var pipeline = new AuthenticatedPipeline(
                NewHttpClient(System.Threading.Timeout.InfiniteTimeSpan),
                tokens,
                apiBaseUri,
                headers,
                new RetryPolicy(options.MaxRetry),
                options.RequestTimeout,
                time);
            return new PrivacyServiceSession(name, options.Provider, options.Environment, options.AccessToken != null ? null : tokenUri, apiBaseUri, options.ClientId, tokens, pipeline, settings);
        }

        private static ITokenSource CreateTokenSource(ConnectOptions options, ProviderProfile profile, Uri? tokenUri, TimeProvider time)
        {
            if (options.AccessToken != null)
            {
                return new StaticTokenSource(options.AccessToken, time);
            }

            var credential = RequireClientCredential(options);
            return new ClientCredentialsTokenSource(
                Require(tokenUri, "TokenUri", $"the {options.Provider} provider needs a token endpoint"),
                credential,
                options.ClientAuthentication ?? profile.ClientAuthentication,
                options.Scopes,
                profile.ScopeSeparator,
                NewHttpClient(options.RequestTimeout),
                time);
        }

        private static ClientSecretCredential RequireClientCredential(ConnectOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientSecret == null || options.ClientSecret.Length == 0)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.CredentialMissing",
                    "No client credential: give -ClientCredential (user name = client id, password = client secret), " +
                    "or set PRIVACYSERVICES_CLIENT_ID and PRIVACYSERVICES_CLIENT_SECRET.");
            }

            return new ClientSecretCredential(options.ClientId!, options.ClientSecret);
        }

        internal static HttpClient NewHttpClient(TimeSpan timeout)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            return new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
        }

        private static Uri Require(Uri? uri, string parameter, string why)
        {
            if (uri == null)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, $"PrivacyServices.Connect.{parameter}Missing", $"-{parameter} is required: {why}.");
            }

            return uri;
        }

        private static void AddSetting(Dictionary<string, string> settings, string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                settings[name] = value!;
            }
        }
    }
}
