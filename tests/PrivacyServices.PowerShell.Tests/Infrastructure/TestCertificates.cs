using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>Self-signed RSA certificates made in-process, with their private keys, for certificate-credential tests.</summary>
public static class TestCertificates
{
    public static X509Certificate2 Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so the key is a persisted-style key every platform's X509Store accepts.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx, string.Empty), string.Empty, X509KeyStorageFlags.Exportable);
    }

    /// <summary>The same certificate without its private key (what an app registration holds).</summary>
    public static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
