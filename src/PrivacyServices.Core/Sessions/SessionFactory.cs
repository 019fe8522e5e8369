using System;
using System.Net.Http;
using PrivacyServices.Http;
using PrivacyServices.Http.Transport;
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
        /// <summary>Shorter than this, not even a loopback answer arrives reliably.</summary>
        public static readonly TimeSpan MinRequestTimeout = TimeSpan.FromMilliseconds(10);

        /// <summary>The longest a .NET timer (CancelAfter, HttpClient.Timeout) accepts: int.MaxValue milliseconds.</summary>
        public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

        public static PrivacyServiceSession Create(ConnectOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.RequestTimeout < MinRequestTimeout || options.RequestTimeout > MaxRequestTimeout)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.RequestTimeoutInvalid",
                    $"RequestTimeout must be between {MinRequestTimeout.TotalSeconds:0.###} s and {MaxRequestTimeout.TotalSeconds:N0} s (about 24.8 days, the longest timer .NET allows); {options.RequestTimeout.TotalSeconds:0.###} s is not.",
                    parameter: "RequestTimeout");
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
            var transport = TransportFor(options);
            var secrets = RegisterSecrets(options);
            ProviderSetup setup;
            try
            {
                setup = definition.Configure(new ProviderContext(options, definition, time, transport));
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
                HttpClients.Create(transport, System.Threading.Timeout.InfiniteTimeSpan),
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
                secrets,
                transport);
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

            if (options.ProxyCredential != null)
            {
                secrets.Add(options.ProxyCredential.SecurePassword);
                secrets.AddBasic(options.ProxyCredential.UserName, options.ProxyCredential.SecurePassword);
                secrets.AddBasic(ProxySettings.AccountName(options.ProxyCredential), options.ProxyCredential.SecurePassword);
            }

            if (options.UserName != null)
            {
                secrets.AddBasic(options.UserName, options.UserPassword);
            }

            return secrets;
        }

        /// <summary>
        /// The transport for this session: the process's defaults (shared), or its own when a proxy is given or a test
        /// names the runtime. What was decided goes to the trace.
        /// </summary>
        private static TransportSettings TransportFor(ConnectOptions options)
        {
            var ownProxy = options.Proxy != null || options.ProxyCredential != null;
            var settings = !ownProxy && options.Runtime == null
                ? HttpClients.DefaultSettings
                : TransportSettings.Decide(
                    options.Runtime ?? RuntimeFacts.Current(),
                    ownProxy ? new ProxySettings(options.Proxy, options.ProxyCredential, options.ProxyUseDefaultCredentials) : ProxySettings.System);
            foreach (var note in settings.Notes)
            {
                PrivacyTrace.Verbose(note);
            }

            return settings;
        }
    }
}
