using Xunit;
using System.Net.Http;
using PrivacyServices.Authentication;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;
using PrivacyServices.Sessions;

namespace PrivacyServices.Core.Tests.EntraId;

/// <summary>An Entra ID session from Core alone (no PowerShell), against the in-process emulator.</summary>
public sealed class EntraIdSessionTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;

    public async Task InitializeAsync() => _server = await EmulatorServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_401_from_the_API_makes_MSAL_skip_its_cache_once_then_the_call_succeeds()
    {
        var tenant = TestCredentials.EntraIdTenantId;
        using var session = SessionFactory.Create(new ConnectOptions
        {
            Provider = PrivacyProvider.EntraId,
            TenantId = tenant,
            ClientId = TestCredentials.EntraIdClientId,
            ClientSecret = SecretText.ToSecureString(TestCredentials.EntraIdClientSecret),
            TokenUri = _server.Url($"entra/{tenant}/oauth2/v2.0/token"),
            ApiBaseUri = _server.Url("entra/api"),
            Scopes = new[] { $"api://core-{Guid.NewGuid():N}/.default" },
        });
        var counters = _server.State.Counters;

        Assert.Equal(200, await CallMeAsync(session));
        Assert.Equal(200, await CallMeAsync(session));
        Assert.Equal(1, counters["entra.token.secret"]);

        _server.State.Tokens.Revoke(session.Tokens.Current!.Value); // the API now refuses the token MSAL still holds
        Assert.Equal(200, await CallMeAsync(session));

        Assert.Equal(2, counters["entra.token.secret"]);
        Assert.Equal(4, counters["entra.api"]); // 2 + the refused call + its retry
        Assert.Equal(2, session.TokenRequestCount);
        Assert.Equal(0, counters["entra.unmatched"]);
    }

    private static async Task<int> CallMeAsync(PrivacyServiceSession session)
    {
        using var response = await session.Http.SendAsync(new ApiRequest(HttpMethod.Get, session.Http.Resolve("me")), CancellationToken.None);
        return (int)response.StatusCode;
    }
}
