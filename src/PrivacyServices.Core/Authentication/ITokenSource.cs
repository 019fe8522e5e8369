using System;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Tokens;

namespace PrivacyServices.Authentication
{
    /// <summary>One way of getting a token from an identity provider.</summary>
    public interface ITokenSource : IDisposable
    {
        /// <summary>Requests a new token. <paramref name="previous"/> is the last token issued, whose refresh token may be used.</summary>
        Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken);
    }
}
