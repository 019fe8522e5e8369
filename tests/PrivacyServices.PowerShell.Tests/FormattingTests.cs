using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>The tables users see at the prompt, rendered by Out-Default with the module's format views (hosted engine).</summary>
public sealed class FormattingTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;

    public FormattingTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
    }

    [Fact]
    public void Get_ConsentFile_shows_the_columns_an_admin_scans()
    {
        using var module = new HostedModule();
        module.Run(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential $args[1] $args[2]) `
                -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')",
            _emulator.Root, TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);

        var text = module.Format("Get-ConsentFile -First 5");
        _output.WriteLine(text);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^CreatedAt\s+RequestType\s+IdentifierType\s+Id$", lines[0]);
        Assert.Equal(7, lines.Length); // header, rule, five files
        Assert.All(lines.Skip(2), l => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z\s+(OPT_OUT|DELETE)\s+[A-Z_]+\s+[0-9a-f-]{36}$", l));
        Assert.DoesNotContain("sig=", text);
    }

    [Fact]
    public void Get_PrivacyJob_shows_job_status_at_a_glance()
    {
        using var module = new HostedModule();
        module.Run(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'TESTORG@AdobeOrg' `
                -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')
            $null = 'jane', 'omar' | ForEach-Object { [pscustomobject]@{ Key = $_; Namespace = 'email'; Value = ""$_@example.com""; Type = 'standard' } } |
                New-PrivacyJob -Regulation gdpr -Action access,delete -Product Analytics,AudienceManager", _emulator.Root);

        var text = module.Format("Get-PrivacyJob -Regulation gdpr");
        _output.WriteLine(text);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^JobId\s+UserKey\s+Action\s+Regulation\s+Status\s+CreatedDate\s+ProductResponses", lines[0]);
        Assert.Contains(lines, l => l.Contains("jane") && l.Contains("delete") && l.Contains("gdpr"));
        Assert.Equal(6, lines.Length); // header, rule, 2 users x 2 actions
    }
}
