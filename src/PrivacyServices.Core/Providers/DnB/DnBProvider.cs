using System;

namespace PrivacyServices.Providers.DnB
{
    /// <summary>Dun &amp; Bradstreet (Bisnode): client_credentials with HTTP Basic client authentication and space-delimited scopes.</summary>
    public sealed class DnBProvider : ProviderDefinition
    {
        public override PrivacyProvider Provider => PrivacyProvider.DnB;

        public override Uri? DefaultTokenUri(PrivacyEnvironment environment) =>
            ForEnvironment(environment, "https://login.bisnode.com/as/token.oauth2", "https://login.bisnode.com/sandbox/v1/token.oauth2");

        public override Uri? DefaultApiBaseUri(PrivacyEnvironment environment) =>
            ForEnvironment(environment, "https://api.bisnode.com", "https://sandbox-api.bisnode.com");

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var tokenUri = context.TokenUri;
            var source = context.TokenSource(() => context.ClientCredentials(ProviderContext.Require(tokenUri, "TokenUri", "the DnB provider needs a token endpoint"), context.Options.Scopes));
            return new ProviderSetup(source, tokenUri, context.ApiBaseUri, context.Options.ClientId);
        }
    }
}
