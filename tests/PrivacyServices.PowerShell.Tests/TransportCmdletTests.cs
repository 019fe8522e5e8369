using System.Management.Automation;
using System.Text;
using Microsoft.AspNetCore.Http;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// What users see of the send path: input that cannot go on the wire refused before any request with the parameter
/// named, a listing whose next link is refused keeping the page it came with, and the proxy parameters.
/// </summary>
public sealed class TransportCmdletTests
{
    private const string ConnectGeneric = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential generic-client generic-secret) -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api') ";

    private const string ConnectLiveRampWithToken = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider LiveRamp -AccessToken (New-TestCredential x opaque-token).Password -ApiBaseUri ($args[0] + '/api')";

    private static string Item(int n) =>
        $"{{\"id\":\"{new Guid(n, 0, 0, new byte[8])}\",\"identifierType\":\"RAMPID\",\"requestType\":\"OPT_OUT\"," +
        "\"dataController\":{\"liverampControlled\":true},\"fileURL\":\"https://files.example/" + n + ".csv?sig=s\",\"createdAt\":\"2025-01-01T00:00:00Z\"}";

    private static async Task<(HostileServer Server, List<string> Seen)> Server(Func<HttpContext, Task>? api = null)
    {
        var seen = new List<string>();
        var server = await HostileServer.StartAsync(async context =>
        {
            lock (seen)
            {
                seen.Add(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
            }

            context.Response.ContentType = "application/json";
            if (context.Request.Path.StartsWithSegments("/token"))
            {
                await context.Response.WriteAsync("{\"access_token\":\"opaque-token-value\",\"token_type\":\"bearer\",\"expires_in\":3600}");
                return;
            }

            if (api != null)
            {
                await api(context);
                return;
            }

            await context.Response.WriteAsync("{}");
        });
        return (server, seen);
    }

    [Fact]
    public async Task A_header_value_with_a_line_break_is_refused_naming_Headers_before_any_API_request()
    {
        var (server, seen) = await Server();
        await using var _ = server;
        using var module = new HostedModule();

        var result = module.Invoke(ConnectGeneric + "\nInvoke-PrivacyServiceRequest -Uri 'things' -Headers @{ 'X-Note' = \"a`r`nX-Injected: 1\" }", server.Root.AbsoluteUri.TrimEnd('/'));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Request.HeaderInvalid", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Headers", error.ToString());
        Assert.DoesNotContain(seen, s => s.StartsWith("GET /api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_with_GET_is_refused_naming_Body_before_any_API_request()
    {
        var (server, seen) = await Server();
        await using var _ = server;
        using var module = new HostedModule();

        var result = module.Invoke(ConnectGeneric + "\nInvoke-PrivacyServiceRequest -Uri 'things' -Body @{ a = 1 }", server.Root.AbsoluteUri.TrimEnd('/'));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Request.BodyNotAllowed", error.FullyQualifiedErrorId);
        Assert.Contains("-Body", error.ToString());
        Assert.DoesNotContain(seen, s => s.StartsWith("GET /api", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("3000000")]
    public async Task A_request_timeout_outside_what_dotnet_allows_is_refused_naming_the_range(string seconds)
    {
        var (server, seen) = await Server();
        await using var _ = server;
        using var module = new HostedModule();

        var result = module.Invoke(ConnectGeneric + "-RequestTimeout " + seconds, server.Root.AbsoluteUri.TrimEnd('/'));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Connect.RequestTimeoutInvalid", error.FullyQualifiedErrorId);
        Assert.Contains("between 0.01 s and 2,147,484 s", error.ToString());
        Assert.Contains("-RequestTimeout", error.ToString());
        Assert.Empty(seen);
    }

    [Fact]
    public async Task A_next_link_to_another_host_keeps_the_page_it_came_with_and_ends_in_an_error()
    {
        var (server, _) = await Server(context =>
        {
            context.Response.Headers.Link = "<https://elsewhere.example/consent-files?cursor=2>; rel=\"next\"";
            return context.Response.WriteAsync("[" + Item(1) + "," + Item(2) + "]");
        });
        await using var _s = server;
        using var module = new HostedModule();

        var result = module.Invoke(@"
" + ConnectLiveRampWithToken + @"
            Get-ConsentFile", server.Root.AbsoluteUri.TrimEnd('/'));

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.LiveRamp.ForeignNextLink", error.FullyQualifiedErrorId);
        Assert.Contains("elsewhere.example", error.ToString());
    }

    [Fact]
    public async Task A_paging_cycle_A_B_A_writes_both_pages_once_and_ends_in_an_error()
    {
        var (server, seen) = await Server(context =>
        {
            var onB = context.Request.Query["cursor"] == "B";
            context.Response.Headers.Link = onB ? "</api/consent-files>; rel=\"next\"" : "</api/consent-files?cursor=B>; rel=\"next\"";
            return context.Response.WriteAsync("[" + Item(onB ? 2 : 1) + "]");
        });
        await using var _s = server;
        using var module = new HostedModule();

        var result = module.Invoke(@"
" + ConnectLiveRampWithToken + @"
            Get-ConsentFile", server.Root.AbsoluteUri.TrimEnd('/'));

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.LiveRamp.PagingLoop", error.FullyQualifiedErrorId);
        Assert.Equal(2, seen.Count(s => s.StartsWith("GET /api/consent-files", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Connect_sends_through_the_given_proxy_and_says_so_in_Verbose_without_the_password()
    {
        var (origin, seenAtOrigin) = await Server();
        await using var _o = origin;
        var (proxy, seenAtProxy) = await Server();
        await using var _p = proxy;
        using var module = new HostedModule();

        var result = module.Invoke(ConnectGeneric + @"-Proxy $args[1] -ProxyCredential ([pscredential]::new('CONTOSO\runbook', (New-TestCredential x proxy-canary-pw).Password)) -Verbose
            Get-PrivacyToken | Out-Null", origin.Root.AbsoluteUri.TrimEnd('/'), proxy.Root.AbsoluteUri);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.Contains($"Proxy: {proxy.Root.AbsoluteUri} as CONTOSO\\runbook", StringComparison.Ordinal));
        Assert.Contains("POST /token", seenAtProxy);
        Assert.Empty(seenAtOrigin);
        Assert.DoesNotContain("canary", result.AllText());
    }
}
