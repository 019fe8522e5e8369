using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PrivacyServices.Authentication.EntraId;
using PrivacyServices.Http.Transport;

namespace PrivacyServices.EntraId
{
    /// <summary>
    /// For the loopback emulator only (a plain-HTTP loopback -TokenUri, see <see cref="EntraIdAuthority"/>): MSAL keeps
    /// the real HTTPS authority, and this handler sends each request MSAL addresses to the authority host to the
    /// emulator's base instead. A request to any other host is refused, so nothing leaves the machine.
    /// </summary>
    internal sealed class EmulatorRouting : DelegatingHandler
    {
        private readonly Uri _authorityRoot;
        private readonly Uri _emulatorBase;

        private EmulatorRouting(EntraIdAuthority authority, HttpMessageHandler transport)
            : base(transport)
        {
            _authorityRoot = new Uri(authority.AuthorityUri.GetLeftPart(UriPartial.Authority) + "/");
            _emulatorBase = authority.EmulatorBaseUri ?? throw new ArgumentException("No emulator base URI.", nameof(authority));
        }

        public static HttpClient CreateHttpClient(EntraIdAuthority authority, EntraIdSettings settings) =>
            HttpClients.Create(new EmulatorRouting(authority, HttpClients.CreateHandler(settings.Transport)), settings.RequestTimeout);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.RequestUri;
            if (target == null || Uri.Compare(target, _authorityRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new HttpRequestException($"The Entra ID emulator route refuses '{target?.GetLeftPart(UriPartial.Path)}': only {_authorityRoot} is redirected to {_emulatorBase}.");
            }

            request.RequestUri = new Uri(_emulatorBase, target.PathAndQuery.TrimStart('/'));
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// Hands MSAL the one HttpClient a token source owns (MSAL asks for it on every request): built by the module's
    /// <see cref="HttpClients"/>, so MSAL has the same TLS, proxy and connection limits as every other request.
    /// </summary>
    internal sealed class SingleHttpClientFactory : IMsalHttpClientFactory
    {
        private readonly HttpClient _http;

        public SingleHttpClientFactory(HttpClient http) => _http = http;

        /// <summary>The module's client for <paramref name="settings"/>: routed to the emulator when the authority is the loopback one.</summary>
        public static HttpClient For(EntraIdSettings settings) =>
            settings.Authority?.EmulatorBaseUri != null
                ? EmulatorRouting.CreateHttpClient(settings.Authority, settings)
                : HttpClients.Create(settings.Transport, settings.RequestTimeout);

        public HttpClient GetHttpClient() => _http;
    }
}
