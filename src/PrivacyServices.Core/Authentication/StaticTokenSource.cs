using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Authentication
{
    /// <summary>A token the user brought (-AccessToken). It cannot be renewed: once expired, the user must connect again.</summary>
    public sealed class StaticTokenSource : ITokenSource
    {
        private readonly SecureString _token;
        private readonly TimeProvider _time;

        public StaticTokenSource(SecureString token, TimeProvider? time = null)
        {
            _token = (token ?? throw new ArgumentNullException(nameof(token))).Copy();
            _token.MakeReadOnly();
            _time = time ?? TimeProvider.System;
        }

        public Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken)
        {
            var value = ReadToken();
            var now = _time.GetUtcNow();
            var expiresOn = JwtPayloadReader.ReadExpiry(value) ?? DateTimeOffset.MaxValue;
            if (expiresOn <= now)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.Authentication,
                    "PrivacyServices.Token.StaticTokenExpired",
                    $"The session's own access token expired at {expiresOn:u}; it cannot be renewed: connect again with a new token.");
            }

            var issuedOn = JwtPayloadReader.ReadIssuedAt(value) ?? now;
            return Task.FromResult(new AccessToken(value, "Bearer", issuedOn, expiresOn, Array.Empty<string>()));
        }

        private string ReadToken() => SecretText.Use(_token, plain => plain);

        public void Dispose() => _token.Dispose();
    }
}
