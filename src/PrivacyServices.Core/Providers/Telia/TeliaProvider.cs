using PrivacyServices.Sessions;
using System;
using System.Collections.Generic;

namespace PrivacyServices.Providers.Telia
{
    /// <summary>Telia Privacy Services: Keycloak client_credentials with the client in the body, 60-second tokens with refresh tokens.</summary>
    public sealed class TeliaProvider : ProviderDefinition
    {
        public override PrivacyProvider Provider => PrivacyProvider.Telia;

        public override IReadOnlyList<string> OwnOptions { get; } = new[] { nameof(ConnectOptions.ProjectId) };

        public override ClientAuthentication ClientAuthentication => ClientAuthentication.Body;

        public override Uri? DefaultTokenUri(PrivacyEnvironment environment) =>
            ForEnvironment(environment, "https://api.telia.io/oauth/token", "https://sandbox.api.telia.io/oauth/token");

        public override Uri? DefaultApiBaseUri(PrivacyEnvironment environment) =>
            ForEnvironment(environment, "https://api.telia.io", "https://sandbox.api.telia.io");

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var tokenUri = context.TokenUri;
            var source = context.TokenSource(() => context.ClientCredentials(ProviderContext.Require(tokenUri, "TokenUri", "the Telia provider needs a token endpoint"), context.Options.Scopes));
            return new ProviderSetup(source, tokenUri, context.ApiBaseUri, context.Options.ClientId)
            {
                Settings = new TeliaSettings(context.Options.ProjectId),
            };
        }
    }

    /// <summary>The Telia project a session works on by default (Get-ProjectInfo without -ProjectId).</summary>
    public sealed class TeliaSettings : ProviderSettings
    {
        public TeliaSettings(string? projectId) => ProjectId = string.IsNullOrWhiteSpace(projectId) ? null : projectId;

        public string? ProjectId { get; }

        public override IReadOnlyDictionary<string, string> Describe()
        {
            var settings = new Dictionary<string, string>();
            Add(settings, nameof(ProjectId), ProjectId);
            return settings;
        }
    }
}
