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
            Scopes = new List<string>(token.Scopes).ToArray();
            Provider = provider;
            SessionName = sessionName;
            Source = source;
            Claims = JwtPayloadReader.ReadClaims(token.Value);
        }

        public SecureString Token { get; }
        public string TokenType { get; }
        public DateTimeOffset ExpiresOn { get; }
        public string[] Scopes { get; }
        public PrivacyProvider Provider { get; }
        public string SessionName { get; }
        public TokenOrigin Source { get; }
        public IReadOnlyDictionary<string, object?> Claims { get; }

        public override string ToString() => $"{TokenType} token for {Provider} session '{SessionName}', expires {ExpiresOn:u} ({Source})";
    }
}
