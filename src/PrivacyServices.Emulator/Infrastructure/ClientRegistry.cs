using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>Which client ids and secrets each emulated vendor accepts. Tests add their own (canary secrets, for example).</summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<(string Provider, string ClientId), string> _secrets = new();
    private readonly ConcurrentDictionary<(string Provider, string ClientId), ConcurrentDictionary<string, X509Certificate2>> _certificates = new();

    public ClientRegistry()
    {
        RegisterDefaults();
    }

    private void RegisterDefaults()
    {
        foreach (var provider in EmulatorProviders.All)
        {
            Register(provider.RegistryKey, provider.ClientId, provider.Secret);
        }

        Register("generic-user", TestCredentials.GenericUserName, TestCredentials.GenericUserPassword);
    }

    public void Register(string provider, string clientId, string secret) => _secrets[(provider.ToLowerInvariant(), clientId)] = secret;

    /// <summary>Accepts client assertions signed by <paramref name="certificate"/>'s key for this client (only its public part is kept).</summary>
    public void RegisterCertificate(string provider, string clientId, X509Certificate2 certificate)
    {
        var publicPart = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var byThumbprint = _certificates.GetOrAdd((provider.ToLowerInvariant(), clientId), _ => new ConcurrentDictionary<string, X509Certificate2>(StringComparer.OrdinalIgnoreCase));
        byThumbprint[Convert.ToHexString(SHA256.HashData(publicPart.RawData))] = publicPart;
    }

    /// <summary>The registered certificate whose SHA-256 thumbprint is <paramref name="sha256"/>, or whose SHA-1 thumbprint is <paramref name="sha1"/>.</summary>
    public X509Certificate2? FindCertificate(string provider, string clientId, byte[]? sha256, byte[]? sha1)
    {
        if (!_certificates.TryGetValue((provider.ToLowerInvariant(), clientId), out var byThumbprint))
        {
            return null;
        }

        if (sha256 is not null && byThumbprint.TryGetValue(Convert.ToHexString(sha256), out var exact))
        {
            return exact;
        }

        return sha1 is null ? null : byThumbprint.Values.FirstOrDefault(c => c.GetCertHash().AsSpan().SequenceEqual(sha1));
    }

    /// <summary>Whether the client is registered at all, with a secret or a certificate.</summary>
    public bool IsKnown(string provider, string? clientId) =>
        clientId is not null && (_secrets.ContainsKey((provider.ToLowerInvariant(), clientId)) || _certificates.ContainsKey((provider.ToLowerInvariant(), clientId)));


    public bool IsValid(string provider, string? clientId, string? secret) =>
        clientId is not null && secret is not null &&
        _secrets.TryGetValue((provider.ToLowerInvariant(), clientId), out var expected) &&
        string.Equals(expected, secret, StringComparison.Ordinal);
}
