using System.Text;
using Microsoft.Extensions.Time.Testing;
using PrivacyServices.Authentication;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests;

public sealed class TokenSourceTests : IAsyncLifetime
{
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorServer.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public void Basic_header_form_encodes_id_and_secret_before_base64()
    {
        var header = OAuthClientAuthentication.BasicHeader("client id", "s3cr:t+/=&% é");

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!));
        Assert.Equal("Basic", header.Scheme);
        Assert.Equal("client+id:s3cr%3At%2B%2F%3D%26%25+%C3%A9", decoded);
    }

    [Theory]
    [InlineData(ClientAuthentication.Basic, "generic.token.auth.basic")]
    [InlineData(ClientAuthentication.Body, "generic.token.auth.body")]
    public async Task Client_credentials_with_a_secret_full_of_reserved_characters_is_accepted(ClientAuthentication style, string counter)
    {
        using var source = new ClientCredentialsTokenSource(
            _emulator.Url("generic/token"),
            new ClientSecretCredential(TestCredentials.GenericClientId, SecretText.ToSecureString(TestCredentials.GenericClientSecret)),
            style,
            new[] { "read", "write" },
            " ",
            new HttpClient());

        var token = await source.AcquireTokenAsync(null, default);

        Assert.Equal(1, _emulator.State.Counters[counter]);
        Assert.Equal(new[] { "read", "write" }, token.Scopes);
        Assert.Equal("read write", JwtPayloadReader.ReadClaims(token.Value)["scope"]);
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_the_vendors_error_and_no_secret_in_the_message()
    {
        const string canary = "CANARY-wrong-secret-7f3a";
        using var source = new ClientCredentialsTokenSource(
            _emulator.Url("dnb/as/token.oauth2"),
            new ClientSecretCredential(TestCredentials.DnbClientId, SecretText.ToSecureString(canary)),
            ClientAuthentication.Basic,
            Array.Empty<string>(),
            " ",
            new HttpClient());

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => source.AcquireTokenAsync(null, default));

        Assert.Equal(PrivacyErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("invalid_client", error.VendorCode);
        Assert.Contains("invalid_client: Bad credentials", error.Message);
        Assert.DoesNotContain(canary, error.ToString());
    }

    [Fact]
    public async Task Telia_uses_the_refresh_grant_while_the_refresh_token_is_valid_and_the_full_grant_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var source = new ClientCredentialsTokenSource(
            _emulator.Url("telia/oauth/token"),
            new ClientSecretCredential(TestCredentials.TeliaClientId, SecretText.ToSecureString(TestCredentials.TeliaClientSecret)),
            ClientAuthentication.Body,
            Array.Empty<string>(),
            " ",
            new HttpClient(),
            clock);

        var first = await source.AcquireTokenAsync(null, default);
        var refreshed = await source.AcquireTokenAsync(first, default);
        clock.Advance(TimeSpan.FromSeconds(1801)); // the client's view: the refresh token has expired
        var full = await source.AcquireTokenAsync(refreshed, default);

        Assert.Equal(2, _emulator.State.Counters["telia.token.client_credentials"]);
        Assert.Equal(1, _emulator.State.Counters["telia.token.refresh_token"]);
        Assert.NotNull(full.RefreshToken);
    }

    [Fact]
    public async Task A_refused_refresh_token_falls_back_to_the_full_grant()
    {
        using var source = new ClientCredentialsTokenSource(
            _emulator.Url("telia/oauth/token"),
            new ClientSecretCredential(TestCredentials.TeliaClientId, SecretText.ToSecureString(TestCredentials.TeliaClientSecret)),
            ClientAuthentication.Body,
            Array.Empty<string>(),
            " ",
            new HttpClient());
        var now = DateTimeOffset.UtcNow;
        var withBogusRefresh = new AccessToken("x", "bearer", now, now.AddSeconds(60), Array.Empty<string>(), "not-a-valid-refresh-token", now.AddMinutes(30));

        var token = await source.AcquireTokenAsync(withBogusRefresh, default);

        Assert.Equal(1, _emulator.State.Counters["telia.token.refresh_token"]);
        Assert.Equal(1, _emulator.State.Counters["telia.token.client_credentials"]);
        Assert.False(string.IsNullOrEmpty(token.Value));
    }

    [Fact]
    public void Plain_http_to_a_non_loopback_token_endpoint_is_refused_with_the_reason()
    {
        var error = Assert.Throws<PrivacyServiceException>(() => new ClientCredentialsTokenSource(
            new Uri("http://login.example.com/token"),
            new ClientSecretCredential("id", SecretText.ToSecureString("secret")),
            ClientAuthentication.Basic,
            Array.Empty<string>(),
            " ",
            new HttpClient()));

        Assert.Equal(PrivacyErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("HTTPS", error.Message);
        Assert.Contains("TokenUri", error.Message);
    }
}
