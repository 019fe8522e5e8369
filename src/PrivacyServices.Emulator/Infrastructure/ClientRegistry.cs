using System.Collections.Concurrent;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>Which client ids and secrets each emulated vendor accepts. Tests add their own (canary secrets, for example).</summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<(string Provider, string ClientId), string> _secrets = new();

    public ClientRegistry()
    {
        Register("generic", TestCredentials.GenericClientId, TestCredentials.GenericClientSecret);
        Register("dnb", TestCredentials.DnbClientId, TestCredentials.DnbClientSecret);
        Register("telia", TestCredentials.TeliaClientId, TestCredentials.TeliaClientSecret);
        Register("adobe", TestCredentials.AdobeClientId, TestCredentials.AdobeClientSecret);
    }

    public void Register(string provider, string clientId, string secret) => _secrets[(provider.ToLowerInvariant(), clientId)] = secret;

    public bool IsKnown(string provider, string? clientId) =>
        clientId is not null && _secrets.ContainsKey((provider.ToLowerInvariant(), clientId));

    public bool IsValid(string provider, string? clientId, string? secret) =>
        clientId is not null && secret is not null &&
        _secrets.TryGetValue((provider.ToLowerInvariant(), clientId), out var expected) &&
        string.Equals(expected, secret, StringComparison.Ordinal);
}
