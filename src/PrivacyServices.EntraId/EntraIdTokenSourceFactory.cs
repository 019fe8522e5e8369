using System;
using Microsoft.Identity.Client;
using PrivacyServices.Authentication;
using PrivacyServices.Authentication.EntraId;

namespace PrivacyServices.EntraId
{
    /// <summary>
    /// The MSAL side of the seam Core defines (<see cref="IEntraIdTokenSourceFactory"/>). Core creates it by reflection
    /// (<c>EntraIdTokenSourceLoader</c>) when the first Entra ID session is made; its surface has Core types only.
    /// </summary>
    public sealed class EntraIdTokenSourceFactory : IEntraIdTokenSourceFactory
    {
        public ITokenSource Create(EntraIdSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            try
            {
                return settings.Kind == EntraIdCredentialKind.ManagedIdentity
                    ? new ManagedIdentityTokenSource(settings)
                    : (ITokenSource)new ConfidentialClientTokenSource(settings);
            }
            catch (MsalException ex)
            {
                throw MsalErrors.From(ex, "Setting up the Entra ID client");
            }
        }
    }
}
