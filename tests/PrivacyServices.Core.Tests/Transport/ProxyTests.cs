using System.Net;
using System.Net.Http;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PrivacyServices.Apis;
using PrivacyServices.Authentication;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;
using PrivacyServices.Sessions;

namespace PrivacyServices.Core.Tests.Transport;

/// <summary>
/// Token requests and API calls through a proxy on loopback that forwards to the emulator: with the right credentials,
/// with none (407, explained), and the proxy password never in an error.
/// </summary>
public sealed class ProxyTests : IAsyncLifetime
{
    private const string ProxyUser = "CONTOSO\\runbook";
    private const string ProxyPassword = "proxy-canary-Pa55";
    private static readonly HttpClient Forwarder = new(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false });

    private EmulatorServer _emulator = null!;
    private LoopbackServer _proxy = null!;
    private readonly List<string> _forwarded = new();

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync();
        _proxy = await LoopbackServer.StartAsync(ForwardAsync);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    /// <summary>An HTTP proxy: absolute-form requests, Basic proxy authentication, forwarded without the Proxy-Authorization header.</summary>
    private async Task ForwardAsync(HttpContext context, int number)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ProxyUser + ":" + ProxyPassword));
        if (context.Request.Headers.ProxyAuthorization.ToString() != expected)
        {
            context.Response.StatusCode = 407;
            context.Response.Headers.ProxyAuthenticate = "Basic realm=\"corp\"";
            return;
        }

        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        lock (_forwarded)
        {
            _forwarded.Add(context.Request.Method + " " + new Uri(target).AbsolutePath);
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        foreach (var header in context.Request.Headers)
        {
            if (!header.Key.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) && !header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && header.Key != "Host")
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        using var response = await Forwarder.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }

    private ConnectOptions Options(NetworkCredential? proxyCredential) => new()
    {
        Provider = PrivacyProvider.Generic,
        TokenUri = _emulator.Url("generic/token"),
        ApiBaseUri = _emulator.Url("generic/api"),
        ClientId = TestCredentials.GenericClientId,
        ClientSecret = SecretText.ToSecureString(TestCredentials.GenericClientSecret),
        Proxy = _proxy.Root,
        ProxyCredential = proxyCredential,
    };

    [Fact]
    public async Task Token_requests_and_API_calls_go_through_the_proxy_with_its_credentials()
    {
        using var session = SessionFactory.Create(Options(new NetworkCredential(ProxyUser, ProxyPassword)));
        var client = new GenericApiClient(session.Http);

        var response = await client.SendAsync("GET", client.Resolve("echo"), null, null, null, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("POST /generic/token", _forwarded);
        Assert.Contains("GET /generic/api/echo", _forwarded);
    }

    [Fact]
    public async Task MSAL_sends_Entra_ID_token_requests_with_the_modules_client_through_the_proxy()
    {
        var tenant = TestCredentials.EntraIdTenantId;
        using var session = SessionFactory.Create(new ConnectOptions
        {
            Provider = PrivacyProvider.EntraId,
            TenantId = tenant,
            ClientId = TestCredentials.EntraIdClientId,
            ClientSecret = SecretText.ToSecureString(TestCredentials.EntraIdClientSecret),
            TokenUri = _emulator.Url($"entra/{tenant}/oauth2/v2.0/token"),
            ApiBaseUri = _emulator.Url("entra/api"),
            Scopes = new[] { $"api://proxy-{Guid.NewGuid():N}/.default" },
            Proxy = _proxy.Root,
            ProxyCredential = new NetworkCredential(ProxyUser, ProxyPassword),
        });

        var token = await session.GetTokenAsync(false, CancellationToken.None);

        Assert.NotNull(token);
        Assert.Contains(_forwarded, f => f.StartsWith("POST /entra/" + tenant, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proxy_that_wants_credentials_it_did_not_get_is_a_proxy_authentication_error()
    {
        using var session = SessionFactory.Create(Options(null));

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => session.GetTokenAsync(false, CancellationToken.None));

        Assert.Equal("PrivacyServices.Transport.ProxyAuthenticationRequired", error.ErrorId);
        Assert.Equal(PrivacyErrorKind.Authentication, error.Kind);
        Assert.Equal("ProxyCredential", error.Parameter);
        Assert.Empty(_forwarded);
    }

    [Fact]
    public async Task Wrong_proxy_credentials_end_in_the_same_error_without_the_password_in_it()
    {
        using var session = SessionFactory.Create(Options(new NetworkCredential(ProxyUser, ProxyPassword + "-wrong")));

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => session.GetTokenAsync(false, CancellationToken.None));

        Assert.Equal("PrivacyServices.Transport.ProxyAuthenticationRequired", error.ErrorId);
        Assert.DoesNotContain("canary", error.ToString());
        Assert.Empty(_forwarded);
    }
}
