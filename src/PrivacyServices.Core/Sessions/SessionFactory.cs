using System;
using System.Net.Http;
using PrivacyServices.Http;
using PrivacyServices.Providers;
using PrivacyServices.Tokens;

namespace PrivacyServices.Sessions
{
    /// <summary>
    /// Builds a session from <see cref="ConnectOptions"/>: the provider's definition (Providers/&lt;Vendor&gt;/) decides its URIs,
    /// token source, headers and settings; this puts them together. It never changes the options it is given.
    /// </summary>
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
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Connect.RequestTimeoutInvalid", $"RequestTimeout must be positive; {options.RequestTimeout} is not.", parameter: "RequestTimeout");
            }

            if (options.RefreshMargin < TimeSpan.Zero)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Connect.RefreshMarginInvalid", $"RefreshMargin cannot be negative; {options.RefreshMargin} is.", parameter: "RefreshMargin");
            }

            var definition = ProviderRegistry.For(options.Provider);
            if (options.UserPassword != null && !definition.SupportsPasswordGrant)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.UserCredentialNotApplicable",
                    $"The password grant (UserCredential) does not apply to {options.Provider}: it gets its tokens another way.",
                    parameter: "UserCredential");
            }

            var time = options.Time ?? TimeProvider.System;
            var secrets = RegisterSecrets(options);
            ProviderSetup setup;
            try
            {
                setup = definition.Configure(new ProviderContext(options, definition, time));
            }
            catch
            {
                secrets.Dispose();
                throw;
            }

            if (setup.ApiBaseUri == null && !definition.ServesTokensOnly)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Connect.ApiBaseUriMissing", $"ApiBaseUri is required: the {options.Provider} provider needs the API's base URI.", parameter: "ApiBaseUri");
            }

            var name = string.IsNullOrWhiteSpace(options.Name) ? options.Provider.ToString() : options.Name!.Trim();
            var tokens = new TokenCache(setup.TokenSource, new RefreshPolicy(options.RefreshMargin), time, secrets);
            var http = new SessionHttpClient(
                NewHttpClient(System.Threading.Timeout.InfiniteTimeSpan),
                tokens,
                setup.ApiBaseUri,
                setup.Headers,
                new RetryPolicy(options.MaxRetry),
                options.RequestTimeout,
                time,
                definition.ErrorFormat);
            return new PrivacyServiceSession(
                name,
                options.Provider,
                options.Environment,
                options.AccessToken != null ? null : setup.TokenUri,
                setup.ApiBaseUri,
                setup.ClientId,
                tokens,
                http,
                setup.Settings,
                secrets);
        }

        /// <summary>Every secret the options carry, in every form a server could echo: masked wherever text leaves the module.</summary>
        private static SecretScope RegisterSecrets(ConnectOptions options)
        {
            var secrets = SecretRegistry.NewScope();
            secrets.Add(options.ClientSecret);
            secrets.Add(options.UserPassword);
            secrets.Add(options.AccessToken);
            secrets.Add(options.ServiceAccount?.SecretKey);
            if (options.ClientId != null)
            {
                secrets.AddBasic(options.ClientId, options.ClientSecret);
            }

            if (options.UserName != null)
            {
                secrets.AddBasic(options.UserName, options.UserPassword);
            }

            return secrets;
        }

        internal static HttpClient NewHttpClient(TimeSpan timeout)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            return new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
        }
    }
}
