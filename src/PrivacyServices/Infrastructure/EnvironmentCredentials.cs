using System;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>The environment variables Connect-PrivacyService reads when no credential parameter is given (CI, containers).</summary>
    internal static class EnvironmentCredentials
    {
        public const string ClientId = "PRIVACYSERVICES_CLIENT_ID";
        public const string ClientSecret = "PRIVACYSERVICES_CLIENT_SECRET";
        public const string TenantId = "PRIVACYSERVICES_TENANT_ID";
        public const string CredentialFile = "PRIVACYSERVICES_CREDENTIAL_FILE";
        public const string CertificateThumbprint = "PRIVACYSERVICES_CERTIFICATE_THUMBPRINT";
        public const string CertificatePath = "PRIVACYSERVICES_CERTIFICATE_PATH";
        public const string CertificatePassword = "PRIVACYSERVICES_CERTIFICATE_PASSWORD";

        public static string? Read(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }
}
