using System;
using System.Collections.Generic;

namespace PrivacyServices.Tokens
{
    /// <summary>A token as the identity provider issued it. Holds secrets: never format or log it.</summary>
    public sealed class AccessToken
    {
        public AccessToken(
            string value,
            string tokenType,
            DateTimeOffset issuedOn,
            DateTimeOffset expiresOn,
            IReadOnlyList<string> scopes,
            string? refreshToken = null,
            DateTimeOffset? refreshExpiresOn = null,
            string? idToken = null)
        {
            IdToken = idToken;
            Value = value ?? throw new ArgumentNullException(nameof(value));
            TokenType = string.IsNullOrEmpty(tokenType) ? "Bearer" : tokenType;
            IssuedOn = issuedOn;
            ExpiresOn = expiresOn;
            Scopes = scopes;
            RefreshToken = refreshToken;
            RefreshExpiresOn = refreshExpiresOn;
        }

        public string Value { get; }
        public string TokenType { get; }
        public DateTimeOffset IssuedOn { get; }
        public DateTimeOffset ExpiresOn { get; }
        public IReadOnlyList<string> Scopes { get; }
        public string? RefreshToken { get; }

        /// <summary>The OpenID Connect id_token that came with it, if any: never sent, kept only to be masked if a server quotes it.</summary>
        public string? IdToken { get; }
        public DateTimeOffset? RefreshExpiresOn { get; }

        public TimeSpan Lifetime => ExpiresOn - IssuedOn;

        public bool HasUsableRefreshToken(DateTimeOffset now) =>
            !string.IsNullOrEmpty(RefreshToken) && (RefreshExpiresOn == null || RefreshExpiresOn > now);

        public override string ToString() => $"{TokenType} token expiring {ExpiresOn:u}";
    }
}
