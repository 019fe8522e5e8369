using System;
using System.Security;

namespace PrivacyServices.Authentication
{
    /// <summary>A client id and its secret. The secret stays a <see cref="SecureString"/> and is read only while a token request is built.</summary>
    public sealed class ClientSecretCredential : IDisposable
    {
        private readonly SecureString _secret;

        public ClientSecretCredential(string clientId, SecureString secret)
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new ArgumentException("The client id is empty.", nameof(clientId));
            }

            ClientId = clientId;
            _secret = (secret ?? throw new ArgumentNullException(nameof(secret))).Copy();
            _secret.MakeReadOnly();
        }

        public string ClientId { get; }

        /// <summary>Hands the plain secret to <paramref name="use"/> and lets it go right after.</summary>
        public T UseSecret<T>(Func<string, T> use) => SecretText.Use(_secret, use);

        public void Dispose() => _secret.Dispose();

        public override string ToString() => $"ClientSecretCredential {ClientId}";
    }
}
