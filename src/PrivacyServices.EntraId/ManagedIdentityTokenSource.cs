using PrivacyServices.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using PrivacyServices.Authentication;
using PrivacyServices.Authentication.EntraId;
using PrivacyServices.Tokens;

namespace PrivacyServices.EntraId
{
    /// <summary>
    /// A managed identity's tokens through MSAL's ManagedIdentityApplication. MSAL picks the source from the environment:
    /// IDENTITY_ENDPOINT + IDENTITY_HEADER (Azure Automation, App Service), Azure Arc's agent, Service Fabric, Cloud Shell,
    /// or the VM's instance metadata service. MSAL shares one managed-identity token cache per process: the identity
    /// belongs to the machine, not to a runspace.
    /// </summary>
    internal sealed class ManagedIdentityTokenSource : ICachingTokenSource
    {
        private IManagedIdentityApplication? _app;
        private readonly EntraIdSettings _settings;
        private readonly string _resource;
        private readonly System.Net.Http.HttpClient _http;

        public ManagedIdentityTokenSource(EntraIdSettings settings)
        {
            _settings = settings;
            _resource = EntraIdSettingsFactory.ResourceOf(settings.Scopes[0]);
            var identity = settings.ClientId == null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.WithUserAssignedClientId(settings.ClientId);
            _http = SingleHttpClientFactory.For(settings);
            _app = ManagedIdentityApplicationBuilder.Create(identity)
                .WithHttpClientFactory(new SingleHttpClientFactory(_http))
                .WithLogging(MsalTrace.Log, MsalTrace.Level, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .Build();
        }

        public async Task<(AccessToken Token, TokenOrigin Origin)> GetTokenAsync(bool bypassCache, CancellationToken cancellationToken)
        {
            try
            {
                var app = Volatile.Read(ref _app) ?? throw PrivacyServiceException.Disconnected();
                var result = await app.AcquireTokenForManagedIdentity(_resource)
                    .WithForceRefresh(bypassCache)
                    .ExecuteAsync(cancellationToken)
                    .ConfigureAwait(false);
                return MsalResults.ToToken(result, _settings, "the managed identity endpoint");
            }
            catch (MsalException ex)
            {
                var who = _settings.ClientId == null ? "the system-assigned managed identity" : $"the user-assigned managed identity {_settings.ClientId}";
                throw MsalErrors.From(ex, $"Token request for {who} (resource {_resource})");
            }
        }

        public async Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken) =>
            (await GetTokenAsync(false, cancellationToken).ConfigureAwait(false)).Token;

        /// <summary>Drops MSAL's application and with it its token cache.</summary>
        public void Dispose()
        {
            Volatile.Write(ref _app, null);
            _http.Dispose();
        }
    }
}
