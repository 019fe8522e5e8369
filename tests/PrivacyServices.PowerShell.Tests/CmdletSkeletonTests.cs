using System.Management.Automation;
using System.Text.RegularExpressions;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The one way a cmdlet is written (ApiCmdlet): which session it uses when none is given, -Session by name, and the rule
/// that commands build error and progress records only through the shared helpers.
/// </summary>
public sealed class CmdletSkeletonTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public CmdletSkeletonTests(EmulatorFixture emulator) => _emulator = emulator;

    private long Count(string key) => _emulator.Server.State.Counters[key];

    [Fact]
    public void A_vendors_cmdlet_uses_the_only_session_of_that_vendor_when_the_default_is_another_vendors()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectTelia, _emulator.Root);
        module.Run(Scripts.ConnectDnb, _emulator.Root); // DnB is now the default
        var before = Count("telia.projectInfo");

        var project = Assert.Single(module.Run("Get-ProjectInfo"));

        Assert.Equal("demo-project", project.Properties["ProjectId"].Value);
        Assert.Equal(1, Count("telia.projectInfo") - before);
        Assert.Equal("DnB", module.Run("(Get-PrivacyServiceSession | Where-Object { $_.Name -eq 'DnB' }).Name").Single().BaseObject);
    }

    [Fact]
    public void Session_takes_a_name_and_an_unknown_name_is_refused_before_any_request()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectTelia.Replace("-PassThru", "-Name telia-a"), _emulator.Root);
        var before = Count("telia.api");

        Assert.Single(module.Run("Get-ProjectInfo -Session telia-a"));
        var unknown = Assert.Single(module.Invoke("Get-ProjectInfo -Session nobody").Errors);

        Assert.Equal(1, Count("telia.api") - before);
        Assert.Contains("no session named 'nobody'", unknown.ToString(), StringComparison.Ordinal);
        Assert.Contains("telia-a", unknown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sessions_of_the_vendor_and_a_default_of_another_ask_which_one_by_name()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectTelia.Replace("-PassThru", "-Name telia-a"), _emulator.Root);
        module.Run(Scripts.ConnectTelia.Replace("-PassThru", "-Name telia-b"), _emulator.Root);
        module.Run(Scripts.ConnectDnb, _emulator.Root);
        var before = Count("telia.api");

        var error = Assert.Single(module.Invoke("Get-ProjectInfo").Errors);

        Assert.Equal(0, Count("telia.api") - before);
        Assert.StartsWith("PrivacyServices.Session.WrongProvider", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("telia-a", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("telia-b", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("-Session", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cmdlet_for_any_vendor_uses_the_default_session_whatever_its_vendor()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectTelia, _emulator.Root);
        module.Run(Scripts.ConnectGeneric, _emulator.Root);

        var token = Assert.Single(module.Run("Get-PrivacyToken"));

        Assert.Equal("Generic", token.Properties["SessionName"].Value);
    }

    [Fact]
    public void The_cmdlet_layer_names_the_parameter_the_user_types_for_a_Core_failure()
    {
        using var module = new HostedModule();
        module.Run(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientCredential (New-TestCredential $args[2] $args[3]) `
                -TokenUri ($args[0] + '/entra/' + $args[1] + '/oauth2/v2.0/token') -Scope ('api://tokens-only-' + [guid]::NewGuid().ToString('N') + '/.default')",
            _emulator.Root, Emulator.Infrastructure.TestCredentials.EntraIdTenantId, Emulator.Infrastructure.TestCredentials.EntraIdClientId, Emulator.Infrastructure.TestCredentials.EntraIdClientSecret);

        var noApi = Assert.Single(module.Invoke("Invoke-PrivacyServiceRequest -Uri me").Errors);
        var badRange = Assert.Single(module.Invoke(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'TESTORG@AdobeOrg' `
                -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')
            Get-PrivacyJob -Regulation gdpr -FromDate 2025-01-01", _emulator.Root).Errors);

        Assert.Equal("PrivacyServices.Api.ApiBaseUriMissing", noApi.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("(-ApiBaseUri of Connect-PrivacyService)", noApi.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("-ApiBaseUri", noApi.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("(-ToDate)", badRange.ToString(), StringComparison.Ordinal); // Get-PrivacyJob's own parameter
        Assert.DoesNotContain("of Connect-PrivacyService", badRange.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_build_error_and_progress_records_only_through_the_shared_helpers()
    {
        var commands = Path.Combine(RepoPaths.Root, "src", "PrivacyServices", "Commands");
        var offenders = Directory.EnumerateFiles(commands, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => Regex.IsMatch(l.line, @"new\s+(ErrorRecord|ProgressRecord)\s*\("))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.file)}:{l.number}")
            .ToList();

        Assert.True(offenders.Count == 0, "Use ErrorRecords.* and ProgressActivity instead of building records inline: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_cmdlet_that_calls_an_API_derives_from_the_skeleton()
    {
        using var module = new HostedModule();
        var cmdlets = module.Run("Get-Command -Module PrivacyServices -CommandType Cmdlet | ForEach-Object { $_.ImplementingType.BaseType.Name + ' ' + $_.Name }")
            .Select(o => (string)o.BaseObject).ToList();

        Assert.NotEmpty(cmdlets);
        Assert.All(cmdlets, entry => Assert.Matches("^(ApiCmdlet|PrivacyCmdlet) ", entry));
        foreach (var name in new[] { "Get-ProjectInfo", "Get-ConsentFile", "New-PrivacyJob", "Get-PrivacyJob", "Wait-PrivacyJob", "Invoke-PrivacyServiceRequest", "Get-PrivacyToken" })
        {
            Assert.Contains("ApiCmdlet " + name, cmdlets);
        }
    }
}
