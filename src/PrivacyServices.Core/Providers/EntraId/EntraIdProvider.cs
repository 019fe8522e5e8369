using PrivacyServices.Sessions;
using System.Collections.Generic;
using PrivacyServices.Authentication;
using PrivacyServices.Authentication.EntraId;

namespace PrivacyServices.Providers.EntraId
{
    /// <summary>
    /// Any API protected by Microsoft Entra ID, through MSAL (loaded on first use): a client secret, a certificate or a
    /// managed identity. A session may serve tokens alone when neither -ApiBaseUri nor an https scope names an API.
    /// </summary>
    public sealed class EntraIdProvider : ProviderDefinition
    {
        public override PrivacyProvider Provider => PrivacyProvider.EntraId;

        public override IReadOnlyList<string> OwnOptions { get; } = new[] { nameof(ConnectOptions.TenantId), nameof(ConnectOptions.Certificate), nameof(ConnectOptions.SendCertificateChain), nameof(ConnectOptions.ManagedIdentity) };

        public override ClientAuthentication ClientAuthentication => ClientAuthentication.Body;

        public override bool ServesTokensOnly => true;

        /// <summary>Microsoft APIs name the request in x-ms-request-id.</summary>
        public override Http.ErrorFormat ErrorFormat { get; } = Http.ErrorFormat.Common.With(requestIdHeaders: new[] { "x-ms-request-id" });

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var options = context.Options;
            var scopes = EntraIdSettingsFactory.ResolveScopes(options);
            var apiBaseUri = context.ApiBaseUri ?? EntraIdSettingsFactory.ApiBaseFromScope(scopes[0]);
            if (options.AccessToken != null)
            {
                return new ProviderSetup(new StaticTokenSource(options.AccessToken, context.Time), null, apiBaseUri, options.ClientId);
            }

            var entraId = EntraIdSettingsFactory.Create(options, scopes, context.Time);
            entraId.Transport = context.Transport;
            return new ProviderSetup(EntraIdTokenSourceLoader.CreateTokenSource(entraId), entraId.Authority?.TokenUri, apiBaseUri, entraId.ClientId)
            {
                Settings = new EntraIdSessionSettings(entraId.Authority?.TenantId, EntraIdSettingsFactory.Describe(entraId), entraId.Certificate?.Thumbprint),
            };
        }
    }

    /// <summary>The tenant and the kind of credential an Entra ID session uses (never the credential itself).</summary>
    public sealed class EntraIdSessionSettings : ProviderSettings
    {
        public EntraIdSessionSettings(string? tenantId, string credential, string? certificateThumbprint)
        {
            TenantId = tenantId;
            Credential = credential;
            CertificateThumbprint = certificateThumbprint;
        }

        public string? TenantId { get; }

        /// <summary>ClientSecret, Certificate, SystemAssignedManagedIdentity or UserAssignedManagedIdentity.</summary>
        public string Credential { get; }

        public string? CertificateThumbprint { get; }

        public override IReadOnlyDictionary<string, string> Describe()
        {
            var settings = new Dictionary<string, string>();
            Add(settings, nameof(TenantId), TenantId);
            Add(settings, nameof(Credential), Credential);
            Add(settings, nameof(CertificateThumbprint), CertificateThumbprint);
            return settings;
        }
    }
}
