using PrivacyServices.Sessions;
using System;
using System.Collections.Generic;
using PrivacyServices.Authentication;

namespace PrivacyServices.Providers.LiveRamp
{
    /// <summary>
    /// LiveRamp Consent Files Service: the password grant with a service account (account_id and secret_key, usually from
    /// its credentials JSON file), client liveramp-api, scope openid, response_type token.
    /// </summary>
    public sealed class LiveRampProvider : ProviderDefinition
    {
        private const string DefaultClientId = "liveramp-api";

        public override PrivacyProvider Provider => PrivacyProvider.LiveRamp;

        public override IReadOnlyList<string> OwnOptions { get; } = new[] { nameof(ConnectOptions.ServiceAccount) };

        public override ClientAuthentication ClientAuthentication => ClientAuthentication.Body;

        public override Uri? DefaultTokenUri(PrivacyEnvironment environment) => new Uri("https://sso.liveramp.com/oauth2/default/v2/token");

        public override Uri? DefaultApiBaseUri(PrivacyEnvironment environment) => new Uri("https://api.liveramp.com/privacy/v2");

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var options = context.Options;
            var account = options.ServiceAccount;
            var tokenUri = options.TokenUri ?? account?.TokenUri ?? context.TokenUri;
            var source = context.TokenSource(() => new PasswordTokenSource(
                ProviderContext.Require(tokenUri, "TokenUri", "the LiveRamp provider needs a token endpoint"),
                account != null
                    ? new ClientSecretCredential(account.AccountId, account.SecretKey)
                    : context.RequireClientCredential("a service account is needed: its credentials file, or its account_id and secret_key"),
                options.Scopes.Count > 0 ? options.Scopes : new[] { "openid" },
                new Dictionary<string, string> { ["client_id"] = account?.ClientId ?? DefaultClientId, ["response_type"] = "token" },
                context.NewTokenHttpClient(),
                context.Time));
            return new ProviderSetup(source, tokenUri, context.ApiBaseUri, account?.AccountId ?? options.ClientId);
        }
    }
}
