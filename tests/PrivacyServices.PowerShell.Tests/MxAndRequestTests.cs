using System.Management.Automation;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>MX consent tokens, and Invoke-PrivacyServiceRequest against MX and D&amp;B.</summary>
public sealed class MxAndRequestTests : IClassFixture<EmulatorFixture>
{
    private const string ConnectMx = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential mx-client mx-secret) `
            -ApiBaseUri ($args[0] + '/mx') -CustomerId cust-42 -PassThru";

    private readonly EmulatorFixture _emulator;

    public MxAndRequestTests(EmulatorFixture emulator) => _emulator = emulator;

    private long Count(string key) => _emulator.Server.State.Counters[key];

    [Fact]
    public void MX_token_expiry_is_the_jwt_exp_because_the_response_has_no_expires_in()
    {
        using var module = new HostedModule();
        var before = Count("mx.token");

        module.Run(ConnectMx, _emulator.Root);
        var tokens = module.Run("Get-PrivacyToken; Get-PrivacyToken; Get-PrivacyToken -ForceRefresh");

        var claims = (IReadOnlyDictionary<string, object?>)tokens[0].Properties["Claims"].Value;
        var exp = Convert.ToInt64(claims["exp"]);
        var iat = Convert.ToInt64(claims["iat"]);
        Assert.Equal(300, exp - iat);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), (DateTimeOffset)tokens[0].Properties["ExpiresOn"].Value);
        Assert.Equal("customer.modify_consent:cust-42", claims["scope"]);
        Assert.Equal("Cache", tokens[1].Properties["Source"].Value.ToString());
        Assert.Equal("IdentityProvider", tokens[2].Properties["Source"].Value.ToString());
        Assert.Equal(2, Count("mx.token") - before);
    }

    [Fact]
    public void MX_revoke_through_Invoke_PrivacyServiceRequest_returns_the_consent_as_objects()
    {
        using var module = new HostedModule();
        module.Run(ConnectMx, _emulator.Root);

        var result = module.Run(@"
            Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/accounts/acc-2' -Body @{ enabled = $false }
            Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/disable_app_sharing'");

        var toggled = (PSObject)result[0].Properties["consent"].Value;
        var revoked = (PSObject)result[1].Properties["consent"].Value;
        var accounts = ((object[])revoked.Properties["accounts"].Value).Cast<PSObject>().ToList();
        Assert.Equal(false, ((object[])toggled.Properties["accounts"].Value).Cast<PSObject>().Single(a => (string)a.Properties["account_id"].Value == "acc-2").Properties["enabled"].Value);
        Assert.NotNull(revoked.Properties["revoked_at"].Value);
        Assert.All(accounts, a => Assert.Equal(false, a.Properties["enabled"].Value));
        Assert.Equal("Budget Buddy", revoked.Properties["application_name"].Value);
    }

    [Fact]
    public void DnB_person_search_through_Invoke_PrivacyServiceRequest()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectDnb, _emulator.Root);

        var result = Assert.Single(module.Run("Invoke-PrivacyServiceRequest -Uri 'consumerintelligence/person/v2/?firstName=Maja'"));

        var person = (PSObject)((object[])result.Properties["persons"].Value)[0];
        Assert.Equal("Maja", person.Properties["firstName"].Value);
        Assert.Equal(1L, Convert.ToInt64(result.Properties["totalHits"].Value));
    }

    [Fact]
    public void An_absolute_uri_on_another_host_is_refused_before_anything_is_sent()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectDnb, _emulator.Root);
        var before = Count("dnb.api");

        var result = module.Invoke(@"
            Invoke-PrivacyServiceRequest -Uri 'https://evil.example.com/steal'
            Invoke-PrivacyServiceRequest -Uri ($args[0].Replace('127.0.0.1', 'localhost') + '/dnb/api/consumerintelligence/person/v2/')
            Invoke-PrivacyServiceRequest -Uri ($args[0] + '/dnb/api/consumerintelligence/person/v2/?firstName=Ola')", _emulator.Root);

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.StartsWith("PrivacyServices.Api.ForeignHost", e.FullyQualifiedErrorId);
        });
        Assert.Single(result.Output);
        Assert.Equal(1, Count("dnb.api") - before);
    }

    [Fact]
    public void WhatIf_sends_nothing_for_a_changing_method()
    {
        using var module = new HostedModule();
        module.Run(ConnectMx, _emulator.Root);
        var before = Count("mx.consent.revoke");

        module.Run("Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/disable_app_sharing' -WhatIf");

        Assert.Equal(0, Count("mx.consent.revoke") - before);
    }

    [Theory]
    [InlineData("api/v4/consent_management/cns-9999", ErrorCategory.ObjectNotFound, "not_found")]
    [InlineData("api/v4/consent_management/cns-1001/accounts", ErrorCategory.InvalidArgument, "bad_request")]
    public void Vendor_errors_become_error_records_with_the_right_category_and_the_vendor_code(string path, ErrorCategory category, string code)
    {
        using var module = new HostedModule();
        module.Run(ConnectMx, _emulator.Root);

        var method = path.EndsWith("accounts", StringComparison.Ordinal) ? "PUT" : "GET";
        var body = method == "PUT" ? " -Body '{}'" : string.Empty;
        var error = Assert.Single(module.Invoke($"Invoke-PrivacyServiceRequest -Method {method} -Uri '{path}'{body}").Errors);

        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Contains(code, error.Exception.Message);
        Assert.Equal(path, error.TargetObject);
    }

    [Fact]
    public void A_token_for_another_customer_is_refused_with_permission_denied()
    {
        using var module = new HostedModule();
        module.Run(ConnectMx.Replace("cust-42", "cust-7"), _emulator.Root);

        var error = Assert.Single(module.Invoke("Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/disable_app_sharing'").Errors);

        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("HTTP 403", error.Exception.Message);
    }

    [Fact]
    public void MX_without_CustomerId_names_the_missing_parameter()
    {
        using var module = new HostedModule();

        var error = Assert.Single(module.Invoke(ConnectMx.Replace("-CustomerId cust-42", string.Empty), _emulator.Root).Errors);

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-CustomerId", error.ToString());
    }
}
