using System;
using System.Collections.Generic;
using System.Security;

namespace PrivacyServices.Sessions
{
    /// <summary>Everything Connect-PrivacyService was told. Secrets arrive as <see cref="SecureString"/>.</summary>
    public sealed class ConnectOptions
    {
        public PrivacyProvider Provider { get; set; }
        public PrivacyEnvironment Environment { get; set; } = PrivacyEnvironment.Production;
        public string? Name { get; set; }
        public Uri? TokenUri { get; set; }
        public Uri? ApiBaseUri { get; set; }
        public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();
        public ClientAuthentication? ClientAuthentication { get; set; }

        public string? ClientId { get; set; }
        public SecureString? ClientSecret { get; set; }
        public SecureString? AccessToken { get; set; }

        /// <summary>A resource owner's name and password, for the password grant (the client is ClientId/ClientSecret).</summary>
        public string? UserName { get; set; }
        public SecureString? UserPassword { get; set; }

        /// <summary>A certificate credential: a certificate with its private key (from -Certificate, -CertificateThumbprint or -CertificatePath).</summary>
        public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

        /// <summary>Send the certificate chain (x5c) with the client assertion (subject name + issuer trust).</summary>
        public bool SendCertificateChain { get; set; }

        /// <summary>A managed identity; <see cref="ClientId"/> names a user-assigned one, null means system-assigned.</summary>
        public bool ManagedIdentity { get; set; }

        /// <summary>A service account read from -CredentialFile.</summary>
        public Authentication.IServiceAccount? ServiceAccount { get; set; }

        public string? ProjectId { get; set; }
        public string? OrgId { get; set; }
        public string? CustomerId { get; set; }
        public string ApiVersion { get; set; } = "v4";
        public string? TenantId { get; set; }

        public TimeSpan RefreshMargin { get; set; } = Tokens.RefreshPolicy.DefaultMargin;
        public int MaxRetry { get; set; } = 3;
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
        public TimeProvider? Time { get; set; }

        /// <summary>A proxy to use instead of the system one.</summary>
        public Uri? Proxy { get; set; }

        public System.Net.NetworkCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the signed-in user (true by default for the system proxy).</summary>
        public bool ProxyUseDefaultCredentials { get; set; }

        /// <summary>The runtime the transport is decided for; null for this process's (tests give a .NET Framework one).</summary>
        public Http.Transport.RuntimeFacts? Runtime { get; set; }
    }
}
