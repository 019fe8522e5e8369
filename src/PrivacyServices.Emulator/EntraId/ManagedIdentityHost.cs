using System.Collections.Concurrent;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>
/// The Azure resource the managed-identity endpoint (<c>/msi/token</c>) pretends to run: the IDENTITY_HEADER secret it
/// checks, its system-assigned identity, and the user-assigned identities attached to it.
/// </summary>
public sealed class ManagedIdentityHost
{
    private readonly ConcurrentDictionary<string, byte> _userAssigned = new(StringComparer.OrdinalIgnoreCase);

    public ManagedIdentityHost() => AssignUserIdentity(TestCredentials.UserAssignedIdentityClientId);

    public string IdentityHeader { get; set; } = TestCredentials.ManagedIdentityHeader;

    public string SystemAssignedClientId { get; set; } = TestCredentials.SystemAssignedIdentityClientId;

    public void AssignUserIdentity(string clientId) => _userAssigned[clientId] = 0;

    public bool HasUserIdentity(string clientId) => _userAssigned.ContainsKey(clientId);
}
