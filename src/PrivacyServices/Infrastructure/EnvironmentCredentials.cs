using System;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// The environment variables Connect-PrivacyService reads when no credential parameter is given (CI, containers).
    /// Each is looked up per provider first (PRIVACYSERVICES_ADOBE_CLIENT_ID), then as the generic name (PRIVACYSERVICES_CLIENT_ID).
    /// </summary>
    internal static class EnvironmentCredentials
    {
        public const string Prefix = "PRIVACYSERVICES_";

        public const string ClientId = "PRIVACYSERVICES_CLIENT_ID";
        public const string ClientSecret = "PRIVACYSERVICES_CLIENT_SECRET";
        public const string TenantId = "PRIVACYSERVICES_TENANT_ID";
        public const string CredentialFile = "PRIVACYSERVICES_CREDENTIAL_FILE";
        public const string CertificateThumbprint = "PRIVACYSERVICES_CERTIFICATE_THUMBPRINT";
        public const string CertificatePath = "PRIVACYSERVICES_CERTIFICATE_PATH";
        public const string CertificatePassword = "PRIVACYSERVICES_CERTIFICATE_PASSWORD";

        /// <summary>The provider's own name of a variable: PRIVACYSERVICES_CLIENT_ID → PRIVACYSERVICES_ADOBE_CLIENT_ID.</summary>
        public static string ForProvider(string name, PrivacyServices.PrivacyProvider provider) =>
            Prefix + provider.ToString().ToUpperInvariant() + "_" + name.Substring(Prefix.Length);

        /// <summary>Reads the provider's variable, else the generic one; <paramref name="readName"/> is the one that had the value.</summary>
        public static string? Read(string name, PrivacyServices.PrivacyProvider provider, out string readName)
        {
            var specific = ForProvider(name, provider);
            var value = Read(specific);
            if (value != null)
            {
                readName = specific;
                return value;
            }

            readName = name;
            return Read(name);
        }

        /// <summary>"PRIVACYSERVICES_ADOBE_CLIENT_ID (or PRIVACYSERVICES_CLIENT_ID)", for messages saying what to set.</summary>
        public static string Describe(string name, PrivacyServices.PrivacyProvider provider) => $"{ForProvider(name, provider)} (or {name})";

        public static string? Read(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }
}
