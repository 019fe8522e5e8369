using System;
using System.Collections.Generic;
using System.Security;
using PrivacyServices.Tokens;

namespace PrivacyServices.Models
{
    /// <summary>A token handed to the user: the value as a <see cref="SecureString"/>, the rest for display.</summary>
    public sealed class PrivacyToken
    {
        public PrivacyToken(AccessToken token, TokenOrigin source, PrivacyProvider provider, string sessionName)
        {
            Token = Authentication.SecretText.ToSecureString(token.Value);
            TokenType = token.TokenType;
            ExpiresOn = token.ExpiresOn;
            Scopes = new ReadableList<string>(new List<string>(token.Scopes));
            Provider = provider.ToString();
            SessionName = sessionName;
            Source = source.ToString();
            Claims = ReadableMap<object?>.From(JwtPayloadReader.ReadClaims(token.Value));
        }

        public SecureString Token { get; }
        public string TokenType { get; }
        public DateTimeOffset ExpiresOn { get; }
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>The provider's name (a string, so ConvertTo-Json writes the name, not the enum's number).</summary>
        public string Provider { get; }

        public string SessionName { get; }

        /// <summary><c>Cache</c> or <c>IdentityProvider</c>.</summary>
        public string Source { get; }

        public IReadOnlyDictionary<string, object?> Claims { get; }

        public override string ToString() => $"{TokenType} token for {Provider} session '{SessionName}', expires {ExpiresOn:u} ({Source})";
    }
}
