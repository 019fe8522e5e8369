using System.Linq;
using Microsoft.Identity.Client;
using PrivacyServices.Authentication.EntraId;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.EntraId
{
    /// <summary>MSAL's AuthenticationResult as a Core <see cref="AccessToken"/>, and where MSAL got it.</summary>
    internal static class MsalResults
    {
        /// <param name="endpoint">What to call the endpoint when MSAL does not name it (managed identity).</param>
        public static (AccessToken Token, TokenOrigin Origin) ToToken(AuthenticationResult result, EntraIdSettings settings, string endpoint)
        {
            var metadata = result.AuthenticationResultMetadata;
            var origin = metadata != null && metadata.TokenSource == TokenSource.Cache ? TokenOrigin.Cache : TokenOrigin.IdentityProvider;
            var issuedOn = JwtPayloadReader.ReadIssuedAt(result.AccessToken) ?? settings.Time.GetUtcNow();
            var scopes = result.Scopes != null && result.Scopes.Any() ? result.Scopes.ToArray() : settings.Scopes.ToArray();
            var token = new AccessToken(result.AccessToken, string.IsNullOrEmpty(result.TokenType) ? "Bearer" : result.TokenType, issuedOn, result.ExpiresOn, scopes);

            if (metadata != null)
            {
                var where = origin == TokenOrigin.Cache
                    ? "MSAL's token cache"
                    : $"{(string.IsNullOrEmpty(metadata.TokenEndpoint) ? endpoint : metadata.TokenEndpoint)} ({metadata.DurationInHttpInMs} ms, {metadata.CacheRefreshReason})";
                PrivacyTrace.Verbose($"MSAL: token for {string.Join(" ", settings.Scopes)} from {where}, valid until {result.ExpiresOn:u}.");
            }

            return (token, origin);
        }
    }
}
