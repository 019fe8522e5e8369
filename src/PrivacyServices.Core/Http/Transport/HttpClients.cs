using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PrivacyServices.Http.Transport
{
    /// <summary>
    /// Builds every HttpClient the module sends with (API, token endpoints, MSAL, downloads) from one
    /// <see cref="TransportSettings"/>, so TLS, proxy, connection limits and Expect: 100-continue are the same everywhere.
    /// No redirects are followed by the handler (the send path decides), no cookies are kept.
    /// </summary>
    public static class HttpClients
    {
        private static readonly Lazy<TransportSettings> Default = new Lazy<TransportSettings>(() => TransportSettings.Decide(RuntimeFacts.Current()));
        private static readonly ConditionalWeakTable<TransportSettings, HttpClient> SharedClients = new ConditionalWeakTable<TransportSettings, HttpClient>();
        private static readonly object ProtocolLock = new object();

        /// <summary>This process's settings with the system proxy.</summary>
        public static TransportSettings DefaultSettings => Default.Value;

        /// <summary>A client of its own (a session's API client, a token source's): the caller disposes it.</summary>
        public static HttpClient Create(TransportSettings settings, TimeSpan timeout) => Create(CreateHandler(settings), timeout);

        public static HttpClient Create(HttpMessageHandler handler, TimeSpan timeout)
        {
            var client = new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
            client.DefaultRequestHeaders.ExpectContinue = false;
            return client;
        }

        /// <summary>One client per settings for unauthenticated downloads, shared so connections are pooled; never disposed.</summary>
        public static HttpClient Shared(TransportSettings settings) =>
            SharedClients.GetValue(settings, s => Create(s, Timeout.InfiniteTimeSpan));

        /// <summary>The innermost handler, for callers that put their own in front (MSAL's emulator routing).</summary>
        public static HttpMessageHandler CreateHandler(TransportSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            AddProcessProtocols(settings.ProtocolsToAdd);
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            ConfigureProxy(handler, settings.Proxy);
            return settings.TuneServicePoints ? new ServicePointTuning(handler, settings.ConnectionLimit, handler.Proxy ?? WebRequest.DefaultWebProxy) : (HttpMessageHandler)handler;
        }

        private static void ConfigureProxy(HttpClientHandler handler, ProxySettings proxy)
        {
            if (proxy.Address != null)
            {
                handler.UseProxy = true;
                handler.Proxy = new WebProxy(proxy.Address)
                {
                    BypassProxyOnLocal = false,
                    UseDefaultCredentials = proxy.Credential == null && proxy.UseDefaultCredentials,
                    Credentials = proxy.Credential,
                };
                return;
            }

            if (proxy.UseDefaultCredentials)
            {
                try
                {
                    handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
                }
                catch (PlatformNotSupportedException)
                {
                    PrivacyTrace.Verbose("This runtime cannot give the system proxy the signed-in user's credentials; a proxy that asks for them will answer 407.");
                }
            }
        }

        /// <summary>Adds TLS versions to the process-wide setting (.NET Framework has no per-handler one); never removes any.</summary>
        private static void AddProcessProtocols(SecurityProtocolType add)
        {
            if (add == 0)
            {
                return;
            }

            lock (ProtocolLock)
            {
                var current = ServicePointManager.SecurityProtocol;
                if ((current & add) != add && current != 0)
                {
                    ServicePointManager.SecurityProtocol = current | add;
                    PrivacyTrace.Verbose($"Enabled {add} process-wide (ServicePointManager.SecurityProtocol was {current}, now {ServicePointManager.SecurityProtocol}); nothing was removed.");
                }
            }
        }

        /// <summary>
        /// .NET Framework only: before the first request to a host, raises that host's connection limit (default 2) and turns
        /// off Expect: 100-continue for it. Per host, so the rest of the process keeps its own settings.
        /// </summary>
        private sealed class ServicePointTuning : DelegatingHandler
        {
            private readonly ConcurrentDictionary<string, bool> _tuned = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            private readonly int _connectionLimit;
            private readonly IWebProxy? _proxy;

            public ServicePointTuning(HttpMessageHandler inner, int connectionLimit, IWebProxy? proxy)
                : base(inner)
            {
                _connectionLimit = connectionLimit;
                _proxy = proxy;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var uri = request.RequestUri;
                if (uri != null && _tuned.TryAdd(uri.GetLeftPart(UriPartial.Authority), true))
                {
                    // Through a proxy the connections are the proxy's: its service point is the one to tune.
                    var point = ServicePointManager.FindServicePoint(uri, _proxy);
                    point.ConnectionLimit = Math.Max(point.ConnectionLimit, _connectionLimit);
                    point.Expect100Continue = false;
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
