using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// Servers that echo secrets back, as real ones do, through the real cmdlets: every stream, every error record (all its
/// properties, its exception chain with Data and stack, ErrorDetails), the session's properties and its serialized form
/// (what Export-Clixml writes) are scanned for the secret in each form it went out or came back in.
/// </summary>
public sealed class SecretEchoTests
{
    /// <summary>Spaces, &amp;, +, /, = and non-ASCII: every encoding changes it, so each form must be known to the redactor.</summary>
    private const string Secret = "CANARY s3cr&t+/=é ü42";
    private const string ClientId = "echo-client";

    private static IEnumerable<string> FormsOf(string secret) => new[]
    {
        secret,
        Uri.EscapeDataString(secret),
        WebUtility.UrlEncode(secret),
        WebUtility.HtmlEncode(secret),
        JsonSerializer.Serialize(secret).Trim('"'),                                  // System.Text.Json: \u0026, \u002B, \u00E9 …
        Newtonsoft.Json.JsonConvert.ToString(secret).Trim('"'),                      // Newtonsoft: as it is
        Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + secret)),
        "s3cr&t", // a part that would survive a broken-up mask
    };

    [Fact]
    public async Task A_token_endpoint_quoting_the_submitted_form_in_an_HTML_page_leaks_nothing()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            var form = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.StatusCode = 400;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<html><body><h1>Bad request</h1><p>You sent: {form}</p><p>secret: {WebUtility.HtmlEncode(Secret)}</p></body></html>");
        });

        var text = Run(server, "Connect-PrivacyService -Provider Generic -ClientAuthentication Body -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri $args[0]",
            out var errors, server.Url("/token"));

        Assert.Single(errors);
        AssertNoSecret(text);
        Assert.Contains("Bad request", text, StringComparison.Ordinal); // the vendor's own words stay readable
    }

    [Theory]
    [InlineData("snake")]
    [InlineData("camel")]
    [InlineData("escaped")]
    public async Task A_JSON_error_echoing_the_client_secret_leaks_nothing(string style)
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            var body = style switch
            {
                "snake" => Newtonsoft.Json.JsonConvert.SerializeObject(new { error = "invalid_client", error_description = "client_secret " + Secret + " is not valid for this client" }),
                "camel" => Newtonsoft.Json.JsonConvert.SerializeObject(new { error = "invalid_client", clientSecret = Secret, message = "wrong clientSecret" }),
                _ => JsonSerializer.Serialize(new { error = "invalid_client", error_description = "you sent " + Secret }),
            };
            await context.Response.WriteAsync(body);
        });

        var text = Run(server, "Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri $args[0]", out var errors, server.Url("/token"));

        Assert.Single(errors);
        AssertNoSecret(text);
        Assert.Contains("invalid_client", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_LiveRamp_token_endpoint_quoting_the_service_account_password_leaks_nothing()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            var form = await context.Request.ReadFormAsync();
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Newtonsoft.Json.JsonConvert.SerializeObject(new { error = "invalid_grant", error_description = $"password '{form["password"]}' for {form["username"]} was refused" }));
        });

        var text = Run(server, "Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential $args[1] $args[2]) -TokenUri $args[0] -ApiBaseUri $args[0]",
            out var errors, server.Url("/oauth2/default/v2/token"));

        Assert.Single(errors);
        AssertNoSecret(text);
        Assert.Contains("invalid_grant", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_403_quoting_the_opaque_bearer_token_leaks_nothing()
    {
        const string opaqueToken = "opaque-CANARY-token-7f3a91c2";
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.StartsWithSegments("/token"))
            {
                await context.Response.WriteAsync($"{{\"access_token\":\"{opaqueToken}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}");
                return;
            }

            context.Response.StatusCode = 403;
            await context.Response.WriteAsync($"{{\"code\":\"forbidden\",\"message\":\"token {context.Request.Headers.Authorization.ToString().Substring(7)} lacks the scope for this call\"}}");
        });

        var text = Run(server, @"Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api')
            Invoke-PrivacyServiceRequest -Uri things", out var errors, server.Root.AbsoluteUri.TrimEnd('/'));

        Assert.Single(errors);
        AssertNoSecret(text);
        Assert.DoesNotContain(opaqueToken, text, StringComparison.Ordinal);
        Assert.Contains("lacks the scope for this call", text, StringComparison.Ordinal);
    }

    /// <summary>The vendor cmdlets added since the first echo tests, each against an API that quotes the bearer token back.</summary>
    [Theory]
    [InlineData("MX", "Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential $args[1] $args[2]) -ApiBaseUri $args[0] -CustomerId cust-1\nGet-DataSharingConsent")]
    [InlineData("MX", "Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential $args[1] $args[2]) -ApiBaseUri $args[0] -CustomerId cust-1\nRevoke-DataSharingConsent -Id cns-1 -Confirm:$false")]
    [InlineData("Adobe", "Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api') -OrgId 'ECHO@AdobeOrg'\nSubmit-PrivacyOptOut -Namespace Email -Value a@example.com -Confirm:$false")]
    [InlineData("Adobe", "Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api') -OrgId 'ECHO@AdobeOrg'\nSave-PrivacyJobResult -JobId job-1 -Path ([IO.Path]::GetTempPath())")]
    [InlineData("Adobe", "Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api') -OrgId 'ECHO@AdobeOrg'\n[pscustomobject]@{ Key = 'k'; Namespace = 'Email'; Value = 'k@example.com' } | New-PrivacyJob -Regulation gdpr -Action access -Product analytics -Confirm:$false")]
    public async Task A_vendor_API_quoting_the_bearer_token_leaks_nothing_through_its_cmdlets(string vendor, string script)
    {
        // A JWT (MX reads the expiry from it) whose signature part is the canary.
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()},\"iat\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = "eyJhbGciOiJIUzI1NiJ9." + payload + ".CANARYsig" + vendor + "Zq81";
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.Value!.EndsWith("/token", StringComparison.Ordinal))
            {
                await context.Response.WriteAsync($"{{\"access_token\":\"{token}\",\"token_type\":\"bearer\",\"expires_in\":3600}}");
                return;
            }

            context.Response.StatusCode = 403;
            var bearer = context.Request.Headers.Authorization.ToString();
            await context.Response.WriteAsync($"{{\"error\":\"forbidden\",\"message\":\"{bearer} may not do this\",\"title\":\"token {bearer.Replace("Bearer ", string.Empty)} refused\"}}");
        });

        var text = Run(server, script, out var errors, server.Root.AbsoluteUri.TrimEnd('/'));

        Assert.NotEmpty(errors);
        Assert.Contains("403", text, StringComparison.Ordinal);
        Assert.True(text.Contains("may not do this", StringComparison.Ordinal) || text.Contains("refused", StringComparison.Ordinal), "the vendor's text is kept:\n" + text);
        AssertNoSecret(text);
        Assert.DoesNotContain("CANARYsig", text, StringComparison.Ordinal);
        Assert.DoesNotContain(payload, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_in_a_URIs_userinfo_is_masked()
    {
        const string uriPassword = "CANARYuripass77";
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("down");
        });

        var withUserInfo = $"http://someone:{uriPassword}@{server.Root.Authority}/token";
        var text = Run(server, "Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential $args[1] $args[2]) -TokenUri $args[0] -MaxRetry 0 -Verbose",
            out var errors, withUserInfo);

        Assert.Single(errors);
        Assert.DoesNotContain(uriPassword, text, StringComparison.Ordinal);
        Assert.Contains("***@", text, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(string text)
    {
        foreach (var form in FormsOf(Secret))
        {
            Assert.False(text.Contains(form, StringComparison.Ordinal), $"the secret leaked in the form '{form}':\n{text}");
        }
    }

    /// <summary>Runs the script ($args[0] the URI, then client id and secret) and returns every text it produced.</summary>
    private static string Run(HostileServer server, string script, out IReadOnlyList<ErrorRecord> errors, string uri)
    {
        using var module = new HostedModule();
        var result = module.Invoke(Scripts.CredentialHelper + "\n" + script, uri, ClientId, Secret);
        errors = result.Errors;
        var text = new StringBuilder(result.AllText());
        foreach (var error in result.Errors)
        {
            text.AppendLine(Dump(error, 0));
        }

        var session = module.Invoke("Get-PrivacyServiceSession | ForEach-Object { $_; $_.psobject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value }; [System.Management.Automation.PSSerializer]::Serialize($_, 3) }");
        text.AppendLine(session.AllText());
        return text.ToString();
    }

    /// <summary>Every public property of the object and, for exceptions, of the whole chain with Data: what Format-List * -Force shows.</summary>
    private static string Dump(object? value, int depth)
    {
        if (value is null || depth > 4)
        {
            return string.Empty;
        }

        var text = new StringBuilder(value.ToString()).AppendLine();
        if (value is string || value.GetType().IsPrimitive)
        {
            return text.ToString();
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            object? propertyValue;
            try
            {
                propertyValue = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            if (propertyValue is IDictionary data)
            {
                foreach (DictionaryEntry entry in data)
                {
                    text.AppendLine($"{entry.Key}={entry.Value}");
                }
            }
            else if (propertyValue is Exception || propertyValue is ErrorDetails || propertyValue is ErrorCategoryInfo || propertyValue is InvocationInfo)
            {
                text.AppendLine(Dump(propertyValue, depth + 1));
            }
            else
            {
                text.AppendLine($"{property.Name}={propertyValue}");
            }
        }

        return text.ToString();
    }
}
