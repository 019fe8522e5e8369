using PrivacyServices.Sessions;
using System.Collections.Generic;
using System;
using System.Security;
using PrivacyServices.Authentication;
using PrivacyServices.Http;

namespace PrivacyServices.Providers.Generic
{
    /// <summary>
    /// Any OAuth 2.0 API: client_credentials, or the resource owner password grant (-UserCredential) with a confidential or
    /// public client, against the -TokenUri given; Basic or body client authentication. API calls go to the token
    /// endpoint's host unless -ApiBaseUri says otherwise.
    /// </summary>
    public sealed class GenericProvider : ProviderDefinition
    {
        public override PrivacyProvider Provider => PrivacyProvider.Generic;

        public override IReadOnlyList<string> OwnOptions { get; } = new[] { nameof(ConnectOptions.ClientAuthentication), nameof(ConnectOptions.UserName) };

        public override bool SupportsPasswordGrant => true;

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var options = context.Options;
            var tokenUri = ProviderContext.Require(context.TokenUri, "TokenUri", "the Generic provider has no default token endpoint");
            var apiBaseUri = context.ApiBaseUri ?? new Uri(tokenUri.GetLeftPart(UriPartial.Authority));
            var source = context.TokenSource(() => options.UserPassword != null
                ? PasswordGrant(context, tokenUri)
                : context.ClientCredentials(tokenUri, options.Scopes));
            return new ProviderSetup(source, tokenUri, apiBaseUri, options.ClientId);
        }

        /// <summary>The user's name and password, and the client (a public client has an empty secret).</summary>
        private ITokenSource PasswordGrant(ProviderContext context, Uri tokenUri)
        {
            var options = context.Options;
            if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrWhiteSpace(options.ClientId))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.CredentialMissing",
                    "The password grant needs UserCredential (the user's name and password) and ClientCredential (the client id, with an empty password for a public client).");
            }

            return new PasswordTokenSource(
                tokenUri,
                new ClientSecretCredential(options.UserName!, options.UserPassword!),
                options.Scopes,
                new System.Collections.Generic.Dictionary<string, string>(),
                context.NewTokenHttpClient(),
                context.Time,
                new ClientSecretCredential(options.ClientId!, options.ClientSecret ?? new SecureString()),
                options.ClientAuthentication ?? ClientAuthentication,
                ScopeSeparator);
        }
    }
}
