using System.Management.Automation;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>MX consents, typed: listed for the session's customer, revoked, and the revocation kept by the service.</summary>
public sealed class DataSharingConsentTests : IClassFixture<EmulatorFixture>
{
    private const string ConnectMx = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential mx-client mx-secret) `
            -ApiBaseUri ($args[0] + '/mx') -CustomerId cust-42";

    private readonly EmulatorFixture _emulator;

    public DataSharingConsentTests(EmulatorFixture emulator) => _emulator = emulator;

    private long Count(string key) => _emulator.Server.State.Counters[key];

    [Fact]
    public void Consents_are_listed_typed_revoked_with_confirmation_and_the_revocation_is_kept()
    {
        using var module = new HostedModule();
        module.Run(ConnectMx, _emulator.Root);

        var listed = module.Run("Get-DataSharingConsent");
        Assert.All(listed, c => Assert.Equal("PrivacyServices.Models.DataSharingConsent", c.BaseObject.GetType().FullName));
        Assert.Equal(new[] { "cns-1001", "cns-1002" }, listed.Select(c => (string)c.Properties["Id"].Value));
        Assert.All(listed, c => Assert.False((bool)c.Properties["IsRevoked"].Value));
        Assert.Equal(2, listed[0].Properties["SharedAccounts"].Value);
        Assert.Equal("*1234", module.Run("(Get-DataSharingConsent cns-1001).Accounts[0].AccountNumberDisplay")[0].BaseObject);

        var table = module.Format("Get-DataSharingConsent");
        Assert.Contains("ApplicationName", table);
        Assert.Contains("Budget Buddy", table);
        Assert.Contains("Everyday checking *1234", table);

        var whatIf = module.Invoke("Get-DataSharingConsent cns-1002 | Revoke-DataSharingConsent -WhatIf");
        Assert.Empty(whatIf.Output);
        Assert.Equal(0, Count("mx.consent.revoke"));

        var revoked = Assert.Single(module.Run("Get-DataSharingConsent cns-1002 | Revoke-DataSharingConsent -Confirm:$false"));
        Assert.True((bool)revoked.Properties["IsRevoked"].Value);
        Assert.Equal(0, revoked.Properties["SharedAccounts"].Value);
        Assert.Equal(1, Count("mx.consent.revoke"));

        var active = module.Run("Get-DataSharingConsent -Active").Select(o => (string)o.Properties["Id"].Value);
        Assert.Equal(new[] { "cns-1001" }, active);
        Assert.True((bool)module.Run("Get-DataSharingConsent cns-1002")[0].Properties["IsRevoked"].Value);
    }

    [Fact]
    public void An_id_that_is_not_listed_is_an_error_naming_it()
    {
        using var module = new HostedModule();
        module.Run(ConnectMx, _emulator.Root);

        var result = module.Invoke("Get-DataSharingConsent cns-1001, cns-404");

        Assert.Single(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.MX.ConsentNotFound", error.FullyQualifiedErrorId);
        Assert.Equal("cns-404", error.TargetObject);
    }
}
