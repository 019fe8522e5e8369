using System.Management.Automation;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Long work reports progress, and every progress bar it opens is closed with a Completed record (no bar left behind).</summary>
public sealed class ProgressTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public ProgressTests(EmulatorFixture emulator) => _emulator = emulator;

    public static TheoryData<string, string> LongRunningCommands => new()
    {
        { "Get-ConsentFile", "Get-ConsentFile | ForEach-Object { $null = $_ }" },
        { "Save-ConsentFile", "Get-ConsentFile -First 3 | Save-ConsentFile -Path $args[1]" },
        { "New-PrivacyJob", "1..1500 | ForEach-Object { [pscustomobject]@{ Key = \"user$_\"; Namespace = 'email'; Value = \"user$_@example.com\" } } | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics | ForEach-Object { $null = $_ }" },
        { "Wait-PrivacyJob", "New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Key w1 -Namespace email -Value w1@example.com | Wait-PrivacyJob -PollInterval 0.05 -Timeout 30" },
    };

    [Theory]
    [MemberData(nameof(LongRunningCommands))]
    public void Every_progress_activity_ends_with_a_completed_record(string command, string script)
    {
        using var module = new HostedModule();
        var folder = Directory.CreateTempSubdirectory("progress").FullName;
        try
        {
            module.Run(Scripts.CredentialHelper + @"
                Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential $args[1] $args[2]) -Name lr `
                    -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')
                Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'TESTORG@AdobeOrg' -Name adobe `
                    -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')",
                _emulator.Root, TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);
            var session = command.Contains("ConsentFile") ? "lr" : "adobe";

            var result = module.Invoke($"$PSDefaultParameterValues['*:Session'] = Get-PrivacyServiceSession -Name {session}\n" + script, _emulator.Root, folder);

            Assert.Empty(result.Errors);
            Assert.NotEmpty(result.Progress);
            foreach (var activity in result.Progress.GroupBy(p => (p.ActivityId, p.Activity)))
            {
                Assert.True(activity.Last().RecordType == ProgressRecordType.Completed, $"{command}: '{activity.Key.Activity}' was left open");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
