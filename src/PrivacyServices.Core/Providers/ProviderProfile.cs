using System;
using System.Collections.Generic;

namespace PrivacyServices.Providers
{
    /// <summary>What a vendor publishes about itself: default URIs and how it wants a token requested.</summary>
    public sealed class ProviderProfile
    {
        public ProviderProfile(
            PrivacyProvider provider,
            Uri? productionTokenUri,
            Uri? sandboxTokenUri,
            Uri? productionApiBaseUri,
            Uri? sandboxApiBaseUri,
            ClientAuthentication clientAuthentication,
            string scopeSeparator)
        {
            Provider = provider;
            ProductionTokenUri = productionTokenUri;
            SandboxTokenUri = sandboxTokenUri;
            ProductionApiBaseUri = productionApiBaseUri;
            SandboxApiBaseUri = sandboxApiBaseUri;
            ClientAuthentication = clientAuthentication;
            ScopeSeparator = scopeSeparator;
        }

        public PrivacyProvider Provider { get; }
        public Uri? ProductionTokenUri { get; }
        public Uri? SandboxTokenUri { get; }
        public Uri? ProductionApiBaseUri { get; }
        public Uri? SandboxApiBaseUri { get; }
        public ClientAuthentication ClientAuthentication { get; }
        public string ScopeSeparator { get; }

        public Uri? DefaultTokenUri(PrivacyEnvironment environment) =>
            environment == PrivacyEnvironment.Sandbox ? SandboxTokenUri ?? ProductionTokenUri : ProductionTokenUri;

        public Uri? DefaultApiBaseUri(PrivacyEnvironment environment) =>
            environment == PrivacyEnvironment.Sandbox ? SandboxApiBaseUri ?? ProductionApiBaseUri : ProductionApiBaseUri;
    }

    /// <summary>The published facts for each provider (see docs/about_PrivacyServices.md).</summary>
    public static class ProviderProfiles
    {
        private static readonly Dictionary<PrivacyProvider, ProviderProfile> Profiles = new Dictionary<PrivacyProvider, ProviderProfile>
        {
            [PrivacyProvider.Telia] = new ProviderProfile(
                PrivacyProvider.Telia,
                new Uri("https://api.telia.io/oauth/token"),
                new Uri("https://sandbox.api.telia.io/oauth/token"),
                new Uri("https://api.telia.io"),
                new Uri("https://sandbox.api.telia.io"),
                ClientAuthentication.Body,
                " "),
            [PrivacyProvider.Adobe] = new ProviderProfile(
                PrivacyProvider.Adobe,
                new Uri("https://ims-na1.adobelogin.com/ims/token/v3"),
                new Uri("https://ims-na1-stg1.adobelogin.com/ims/token/v3"),
                new Uri("https://platform.adobe.io/data/core/privacy"),
                new Uri("https://platform-stage.adobe.io/data/core/privacy"),
                ClientAuthentication.Body,
                ","),
            [PrivacyProvider.DnB] = new ProviderProfile(
                PrivacyProvider.DnB,
                new Uri("https://login.bisnode.com/as/token.oauth2"),
                new Uri("https://login.bisnode.com/sandbox/v1/token.oauth2"),
                new Uri("https://api.bisnode.com"),
                new Uri("https://sandbox-api.bisnode.com"),
                ClientAuthentication.Basic,
                " "),
            [PrivacyProvider.LiveRamp] = new ProviderProfile(
                PrivacyProvider.LiveRamp,
                new Uri("https://sso.liveramp.com/oauth2/default/v2/token"),
                null,
                new Uri("https://api.liveramp.com/privacy/v2"),
                null,
                ClientAuthentication.Body,
                " "),
            [PrivacyProvider.MX] = new ProviderProfile(PrivacyProvider.MX, null, null, null, null, ClientAuthentication.Basic, " "),
            [PrivacyProvider.EntraId] = new ProviderProfile(PrivacyProvider.EntraId, null, null, null, null, ClientAuthentication.Body, " "),
            [PrivacyProvider.Generic] = new ProviderProfile(PrivacyProvider.Generic, null, null, null, null, ClientAuthentication.Basic, " "),
        };

        public static ProviderProfile For(PrivacyProvider provider) => Profiles[provider];
    }
}
