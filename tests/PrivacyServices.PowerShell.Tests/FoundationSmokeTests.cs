using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

public sealed class FoundationSmokeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public FoundationSmokeTests(EmulatorFixture emulator) => _emulator = emulator;

    [Fact]
    public void Telia_connect_then_project_info_is_typed_and_uses_one_token()
    {
        using var module = new HostedModule();
        var before = _emulator.Server.State.Counters["telia.token"];
        var output = module.Run(@"
            $secret = [securestring]::new(); foreach ($c in 'telia-secret'.ToCharArray()) { $secret.AppendChar($c) }
            Connect-PrivacyService -Provider Telia -ClientCredential ([pscredential]::new('telia-client', $secret)) `
                -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api') -ProjectId demo-project -Name smoke
            1..5 | ForEach-Object { Get-ProjectInfo }", _emulator.Root);

        Assert.Equal(5, output.Count);
        Assert.All(output, o => Assert.Equal("PrivacyServices.Models.ProjectInfo", o.BaseObject.GetType().FullName));
        Assert.Equal("demo-project", output[0].Properties["ProjectId"].Value);
        Assert.Equal("eu-north-1", output[0].Properties["region"].Value);
        Assert.Equal(1, _emulator.Server.State.Counters["telia.token"] - before);
    }
}
