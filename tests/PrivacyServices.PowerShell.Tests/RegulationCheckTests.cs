using System.Management.Automation;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>A mistyped regulation never reaches Adobe unless the user insists.</summary>
public sealed class RegulationCheckTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')";

    private readonly EmulatorFixture _emulator;

    public RegulationCheckTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose() => State.Reset();

    [Fact]
    public void A_typod_regulation_is_refused_before_any_request_with_the_suggestion_and_Force_sends_it()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);

        var refused = module.Invoke("New-PrivacyJob -Key a -Namespace email -Value a@example.com -Regulation gpdr -Action access -Product Analytics");
        var listed = module.Invoke("Get-PrivacyJob -Regulation ucpa_usa");

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("PrivacyServices.Adobe.RegulationUnknown", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("did you mean 'gdpr'", error.ToString());
        Assert.Contains("-Regulation", error.ToString());
        Assert.StartsWith("PrivacyServices.Adobe.RegulationRetired", Assert.Single(listed.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, State.Counters["adobe.jobs.post"]);
        Assert.Equal(0, State.Counters["adobe.jobs.list"]);

        module.Invoke("New-PrivacyJob -Key a -Namespace email -Value a@example.com -Regulation gpdr -Action access -Product Analytics -Force");
        Assert.Equal(1, State.Counters["adobe.jobs.post"]); // sent as given; what the service answers is its own business
    }

    [Fact]
    public void A_row_without_the_expected_columns_gets_an_error_naming_them_and_its_own_and_the_others_are_sent()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);

        var result = module.Invoke(@"
            @([pscustomobject]@{ Key = 'a'; Namespace = 'email'; Email = 'a@example.com' },
              [pscustomobject]@{ Name = 'b'; Mail = 'b@example.com' }) |
                New-PrivacyJob -Regulation gdpr -Action access -Product Analytics");

        Assert.Single(result.Output); // the first row binds through the Email alias of -Value
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Adobe.UserColumnsMissing", error.FullyQualifiedErrorId);
        Assert.Contains("columns Name, Mail", error.ToString());
        Assert.Contains("Value (Email, UserId, Id, IdValue)", error.ToString());
        Assert.Equal(1, State.Counters["adobe.jobs.post"]);
    }
}
