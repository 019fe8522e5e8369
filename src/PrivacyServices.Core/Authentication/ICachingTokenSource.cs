using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Tokens;

namespace PrivacyServices.Authentication
{
    /// <summary>
    /// A token source that keeps tokens of its own (MSAL's in-memory cache is the source of truth for MSAL's tokens).
    /// <see cref="TokenCache"/> asks it through <see cref="GetTokenAsync"/>, tells it when its cache must be bypassed,
    /// and learns whether the token came from that cache or from the identity provider.
    /// </summary>
    public interface ICachingTokenSource : ITokenSource
    {
        /// <param name="bypassCache">True for -ForceRefresh, and after an API refused the token the source handed out last.</param>
        Task<(AccessToken Token, TokenOrigin Origin)> GetTokenAsync(bool bypassCache, CancellationToken cancellationToken);
    }
}
