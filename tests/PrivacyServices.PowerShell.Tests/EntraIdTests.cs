using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The managed-identity tests set IDENTITY_ENDPOINT/IDENTITY_HEADER, which are process-wide (and MSAL's managed-identity
/// token cache is process-wide too): every Entra ID test runs in this one collection, never in parallel with another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EntraIdCollection
{
    public const string Name = "EntraId (process environment)";
}

[Collection(EntraIdCollection.Name)]
public sealed class EntraIdTests : IClassFixture<EmulatorFixture>
{
    private const string Tenant = TestCredentials.EntraIdTenantId;
    private const string ClientId = TestCredentials.EntraIdClientId;

    /// <summary>Builds a PSCredential from $args[1] (id) and $args[2] (secret) without ConvertTo-SecureString.</summary>
    private const string CredentialScript = @"
        $secret = [securestring]::new(); foreach ($c in $args[2].ToCharArray()) { $secret.AppendChar($c) }
        $credential = [pscredential]::new($args[1], $secret)";

    private readonly EmulatorFixture _emulator;

    public EntraIdTests(EmulatorFixture emulator) => _emulator = emulator;

    private EmulatorCounters Counters => _emulator.Server.State.Counters;

    private string TokenUri => $"{_emulator.Root}/entra/{Tenant}/oauth2/v2.0/token";

    /// <summary>A scope no other test uses, so MSAL's caches never answer from another test's token.</summary>
    private static string UniqueScope(string name) => $"api://{name}-{Guid.NewGuid():N}/.default";

    [Fact]
    public void Client_secret_connects_then_serves_from_cache_and_force_refresh_asks_Entra_again()
    {
        using var module = new HostedModule();
        var scope = UniqueScope("secret");
        var before = Counters["entra.token.secret"];

        var session = module.Run(CredentialScript + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -Scope $args[4] -PassThru",
            TokenUri, ClientId, TestCredentials.EntraIdClientSecret, Tenant, scope).Single();
        Assert.Equal(1, Counters["entra.token.secret"] - before);
        Assert.Equal("EntraId", session.Properties["Name"].Value);
        Assert.Equal(ClientId, session.Properties["ClientId"].Value);
        Assert.Null(session.Properties["ApiBaseUri"].Value);

        var cached = module.Run("Get-PrivacyToken").Single();
        Assert.Equal("Cache", cached.Properties["Source"].Value.ToString());
        Assert.Equal(1, Counters["entra.token.secret"] - before);
        var claims = (IReadOnlyDictionary<string, object?>)cached.Properties["Claims"].Value;
        Assert.Equal(scope[..^"/.default".Length], claims["aud"]);
        Assert.Equal(ClientId, claims["appid"]);
        Assert.Equal(Tenant, claims["tid"]);

        var forced = module.Run("Get-PrivacyToken -ForceRefresh").Single();
        Assert.Equal("IdentityProvider", forced.Properties["Source"].Value.ToString());
        Assert.Equal(2, Counters["entra.token.secret"] - before);
        var tokens = module.Run("(Get-PrivacyToken -AsPlainText), (Get-PrivacyToken -AsPlainText), (Get-PrivacyServiceSession).TokenRequestCount");
        Assert.Equal(tokens[0].BaseObject, tokens[1].BaseObject);
        Assert.Equal(2L, tokens[2].BaseObject);
        Assert.Equal(2, Counters["entra.token.secret"] - before);
        Assert.Equal(0, Counters["entra.unmatched"]);
    }
}
