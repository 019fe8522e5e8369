using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PrivacyServices.Http;

namespace PrivacyServices.Authentication
{
    /// <summary>Finds the client certificate for certificate credentials: by thumbprint in CurrentUser\My, or from a PFX file.</summary>
    public static class CertificateSources
    {
        /// <summary>The certificate with <paramref name="thumbprint"/> in the current user's personal store (Cert:\CurrentUser\My).</summary>
        public static X509Certificate2 FromCurrentUserStore(string thumbprint)
        {
            var wanted = NormalizeThumbprint(thumbprint);
            using (var store = new X509Store(StoreName.My, StoreLocation.CurrentUser))
            {
                X509Certificate2Collection found;
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                }
                catch (CryptographicException)
                {
                    found = new X509Certificate2Collection(); // the store does not exist yet (a fresh Linux profile)
                }

                if (found.Count == 0)
                {
                    throw new PrivacyServiceException(
                        PrivacyErrorKind.NotFound,
                        "PrivacyServices.Certificate.NotFound",
                        $"There is no certificate with thumbprint {wanted} in the current user's personal certificate store (My).", parameter: "CertificateThumbprint");
                }

                return RequirePrivateKey(found[0], "CertificateThumbprint");
            }
        }

        /// <summary>Loads a PKCS#12 (.pfx) file; the password is read only for the moment of loading.</summary>
        public static X509Certificate2 FromPfxFile(string path, SecureString? password)
        {
            if (!File.Exists(path))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.NotFound,
                    "PrivacyServices.Certificate.FileNotFound",
                    $"The certificate file '{path}' does not exist.", parameter: "CertificatePath");
            }

            X509Certificate2 certificate;
            try
            {
                certificate = Load(path, password);
            }
            catch (CryptographicException ex)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Certificate.Unreadable",
                    $"The certificate file '{path}' could not be read as PKCS#12 (.pfx) with the given CertificatePassword: {ex.Message}");
            }

            return RequirePrivateKey(certificate, "CertificatePath");
        }

        /// <summary>Ephemeral keys (never written to disk) where the platform has them; netstandard2.0 does not name the flag, macOS lacks it.</summary>
        private static X509KeyStorageFlags PreferredKeyStorage =>
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? X509KeyStorageFlags.DefaultKeySet : (X509KeyStorageFlags)32;

        private static X509Certificate2 Load(string path, SecureString? password)
        {
            try
            {
                return Load(path, password, PreferredKeyStorage);
            }
            catch (ArgumentException)
            {
                return Load(path, password, X509KeyStorageFlags.DefaultKeySet); // .NET Framework before 4.7.2 has no ephemeral key sets
            }
        }

        private static X509Certificate2 Load(string path, SecureString? password, X509KeyStorageFlags flags) =>
            password == null ? new X509Certificate2(path, string.Empty, flags) : new X509Certificate2(path, password, flags);

        /// <summary>Certificate credentials sign with the private key: a certificate without one is refused here, not at the token endpoint.</summary>
        public static X509Certificate2 RequirePrivateKey(X509Certificate2 certificate, string parameterName)
        {
            if (certificate == null)
            {
                throw new ArgumentNullException(parameterName);
            }

            if (!certificate.HasPrivateKey)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Certificate.NoPrivateKey",
                    $"The certificate {certificate.Thumbprint} ({certificate.Subject}) has no private key; certificate credentials sign the client assertion with it.",
                    parameter: parameterName);
            }

            return certificate;
        }

        /// <summary>
        /// The 40 hex digits of a SHA-1 thumbprint, upper case. Copies from certificate dialogs carry spaces and invisible
        /// marks, which are dropped; anything else is refused.
        /// </summary>
        public static string NormalizeThumbprint(string thumbprint)
        {
            var hex = new StringBuilder();
            foreach (var c in thumbprint ?? string.Empty)
            {
                if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                {
                    continue;
                }

                hex.Append(char.ToUpperInvariant(c));
            }

            var text = hex.ToString();
            if (text.Length != 40 || !System.Linq.Enumerable.All(text, Uri.IsHexDigit))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Certificate.InvalidThumbprint",
                    $"CertificateThumbprint '{thumbprint}' is not a certificate thumbprint (40 hexadecimal digits).", parameter: "CertificateThumbprint");
            }

            return text;
        }
    }
}
