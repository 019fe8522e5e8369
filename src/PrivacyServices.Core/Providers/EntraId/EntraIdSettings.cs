using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace PrivacyServices.Authentication.EntraId
{
    /// <summary>How an Entra ID session proves who it is.</summary>
    public enum EntraIdCredentialKind
    {
        ClientSecret,
        Certificate,
        ManagedIdentity,
    }

    /// <summary>
    /// Everything the MSAL-based token source (PrivacyServices.EntraId.dll) needs, in Core types only, so MSAL's types
    /// never cross into Core or the cmdlet assembly. Built and validated by <see cref="Sessions.SessionFactory"/>.
    /// </summary>
    public sealed class EntraIdSettings
    {
        public EntraIdSettings(EntraIdCredentialKind kind, IReadOnlyList<string> scopes, TimeSpan requestTimeout, TimeProvider time)
        {
            Kind = kind;
            Scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
            RequestTimeout = requestTimeout;
            Time = time ?? TimeProvider.System;
        }

        public EntraIdCredentialKind Kind { get; }

        /// <summary>Scopes for a confidential client (<c>api://…/.default</c>); a managed identity uses the one resource they name.</summary>
        public IReadOnlyList<string> Scopes { get; }

        public TimeSpan RequestTimeout { get; }

        /// <summary>TLS, proxy and connection limits: MSAL sends with a client built from them, like the rest of the module.</summary>
        public Http.Transport.TransportSettings Transport { get; set; } = Http.Transport.HttpClients.DefaultSettings;
        public TimeProvider Time { get; }

        /// <summary>The application (client) id; for a managed identity the user-assigned identity's client id, null for system-assigned.</summary>
        public string? ClientId { get; set; }

        /// <summary>Where a confidential client gets tokens; null for a managed identity.</summary>
        public EntraIdAuthority? Authority { get; set; }

        public SecureString? ClientSecret { get; set; }

        /// <summary>A certificate with its private key, which signs the client assertion.</summary>
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Sends the certificate chain (x5c) with the assertion, for apps that trust subject name and issuer.</summary>
        public bool SendCertificateChain { get; set; }
    }
}
