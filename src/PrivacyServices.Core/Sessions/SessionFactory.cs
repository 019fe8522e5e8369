using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using PrivacyServices.Authentication;
using PrivacyServices.Authentication.EntraId;
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

            if (options.RequestTimeout <= TimeSpan.Zero)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Connect.RequestTimeoutInvalid", $"-RequestTimeout must be positive; {options.RequestTimeout} is not.");
            }

            if (options.RefreshMargin < TimeSpan.Zero)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Connect.RefreshMarginInvalid", $"-RefreshMargin cannot be negative; {options.RefreshMargin} is.");
            }

            var profile = ProviderProfiles.For(options.Provider);
            var tokenUri = options.TokenUri ?? profile.DefaultTokenUri(options.Environment);
            var apiBaseUri = options.ApiBaseUri ?? profile.DefaultApiBaseUri(options.Environment);
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var time = options.Time ?? TimeProvider.System;
            EntraIdSettings? entraId = null;

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
                case PrivacyProvider.Adobe:
                    var orgId = RequireText(options.OrgId, "OrgId", "every Adobe Privacy Service call names the IMS organization (x-gw-ims-org-id)");
                    AddSetting(settings, "OrgId", orgId);
                    if (options.AccessToken == null)
                    {
                        headers["x-api-key"] = RequireText(options.ClientId, "ClientCredential", "Adobe sends the client id as x-api-key");
                    }
                    else
                    {
                        AddSetting(headers, "x-api-key", options.ClientId);
                    }

                    headers["x-gw-ims-org-id"] = orgId;
                    if (options.Scopes.Count == 0)
                    {
                        options.Scopes = AdobeDefaultScopes;
                    }

                    break;
                case PrivacyProvider.LiveRamp:
                    tokenUri = options.TokenUri ?? options.ServiceAccount?.TokenUri ?? tokenUri;
                    if (options.ServiceAccount != null)
                    {
                        options.ClientId = options.ServiceAccount.AccountId;
                    }

                    break;
                case PrivacyProvider.MX:
                    apiBaseUri = Require(apiBaseUri, "ApiBaseUri", "MX hosts differ per data provider");
                    var customerId = RequireText(options.CustomerId, "CustomerId", "MX consent tokens are issued for one customer (its openid_connect_user_id)");
                    AddSetting(settings, "CustomerId", customerId);
                    AddSetting(settings, "ApiVersion", options.ApiVersion);
                    tokenUri = options.TokenUri ?? Authentication.MxConsentTokenSource.TokenUriFor(apiBaseUri, options.ApiVersion);
                    break;
                case PrivacyProvider.EntraId:
                    options.Scopes = EntraIdSettingsFactory.ResolveScopes(options);
                    apiBaseUri = apiBaseUri ?? EntraIdSettingsFactory.ApiBaseFromScope(options.Scopes[0]);
                    if (options.AccessToken == null)
                    {
                        entraId = EntraIdSettingsFactory.Create(options, options.Scopes, time);
                        tokenUri = entraId.Authority?.TokenUri;
                        options.ClientId = entraId.ClientId;
                        AddSetting(settings, "TenantId", entraId.Authority?.TenantId);
                        AddSetting(settings, "Credential", EntraIdSettingsFactory.Describe(entraId));
                        AddSetting(settings, "CertificateThumbprint", entraId.Certificate?.Thumbprint);
                    }

                    break;
                default:
                    throw new PrivacyServiceException(
                        PrivacyErrorKind.InvalidArgument,
                        "PrivacyServices.Connect.ProviderNotSupported",
                        $"Provider {options.Provider} is not supported by this version of PrivacyServices.");
            }

            if (options.Provider != PrivacyProvider.EntraId)
            {
                // Entra ID sessions may be for tokens alone: their API calls fail with an error naming -ApiBaseUri instead.
                apiBaseUri = Require(apiBaseUri, "ApiBaseUri", $"the {options.Provider} provider needs the API's base URI");
            }

            var name = string.IsNullOrWhiteSpace(options.Name) ? options.Provider.ToString() : options.Name!.Trim();
            var tokenSource = entraId != null
                ? EntraIdTokenSourceLoader.CreateTokenSource(entraId)
                : CreateTokenSource(options, profile, tokenUri, time);
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

            var endpoint = Require(tokenUri, "TokenUri", $"the {options.Provider} provider needs a token endpoint");
            if (options.UserPassword != null)
            {
                return CreatePasswordGrantSource(options, profile, endpoint, time);
            }

            if (options.Provider == PrivacyProvider.LiveRamp)
            {
                var account = options.ServiceAccount != null
                    ? new ClientSecretCredential(options.ServiceAccount.AccountId, options.ServiceAccount.SecretKey)
                    : RequireClientCredential(options);
                var clientId = options.ServiceAccount?.ClientId ?? "liveramp-api";
                return new PasswordTokenSource(
                    endpoint,
                    account,
                    options.Scopes.Count > 0 ? options.Scopes : new[] { "openid" },
                    new Dictionary<string, string> { ["client_id"] = clientId, ["response_type"] = "token" },
                    NewHttpClient(options.RequestTimeout),
                    time);
            }

            var credential = RequireClientCredential(options);
            if (options.Provider == PrivacyProvider.MX)
            {
                return new MxConsentTokenSource(endpoint, credential, options.CustomerId!, NewHttpClient(options.RequestTimeout), time);
            }

            return new ClientCredentialsTokenSource(
                endpoint,
                credential,
                options.ClientAuthentication ?? profile.ClientAuthentication,
                options.Scopes,
                profile.ScopeSeparator,
                NewHttpClient(options.RequestTimeout),
                time);
        }

        /// <summary>Generic's password grant: the user's name and password, and the client (a public client has an empty secret).</summary>
        private static ITokenSource CreatePasswordGrantSource(ConnectOptions options, ProviderProfile profile, Uri endpoint, TimeProvider time)
        {
            if (options.Provider != PrivacyProvider.Generic)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.UserCredentialNotApplicable",
                    $"-UserCredential (the password grant) is for the Generic provider; {options.Provider} gets its tokens another way.");
            }

            if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrWhiteSpace(options.ClientId))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.CredentialMissing",
                    "The password grant needs -UserCredential (the user's name and password) and -ClientCredential (the client id, with an empty password for a public client).");
            }

            return new PasswordTokenSource(
                endpoint,
                new ClientSecretCredential(options.UserName!, options.UserPassword!),
                options.Scopes,
                new Dictionary<string, string>(),
                NewHttpClient(options.RequestTimeout),
                time,
                new ClientSecretCredential(options.ClientId!, options.ClientSecret ?? new System.Security.SecureString()),
                options.ClientAuthentication ?? profile.ClientAuthentication,
                profile.ScopeSeparator);
        }

        private static ClientSecretCredential RequireClientCredential(ConnectOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientSecret == null || options.ClientSecret.Length == 0)
            {
                var how = options.Provider == PrivacyProvider.LiveRamp
                    ? "give -CredentialFile (the service-account JSON file) or -Credential (user name = account_id, password = secret_key), " +
                      "or set PRIVACYSERVICES_CREDENTIAL_FILE"
                    : "give -ClientCredential (user name = client id, password = client secret), " +
                      "or set PRIVACYSERVICES_CLIENT_ID and PRIVACYSERVICES_CLIENT_SECRET";
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.CredentialMissing",
                    $"No credential for {options.Provider}: {how}. Nothing prompts for one.");
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

        private static readonly string[] AdobeDefaultScopes = { "openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext" };

        private static string RequireText(string? value, string parameter, string why)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, $"PrivacyServices.Connect.{parameter}Missing", $"-{parameter} is required: {why}.");
            }

            return value!;
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
