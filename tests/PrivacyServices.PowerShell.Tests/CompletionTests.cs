using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Tab completion as the console asks for it: through TabExpansion2.</summary>
public sealed class CompletionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public CompletionTests(EmulatorFixture emulator) => _emulator = emulator;

    private static IReadOnlyList<string> Complete(HostedModule module, string input) =>
        module.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object { $_.CompletionText }", input)
            .Select(o => (string)o.BaseObject).ToList();

    [Fact]
    public void Provider_completes_every_provider()
    {
        using var module = new HostedModule();

        Assert.Equal(new[] { "Telia", "Adobe", "DnB", "LiveRamp", "MX", "EntraId", "Generic" }.OrderBy(p => p), Complete(module, "Connect-PrivacyService -Provider ").OrderBy(p => p));
        Assert.Equal(new[] { "LiveRamp" }, Complete(module, "Connect-PrivacyService -Provider Li"));
    }

    [Fact]
    public void Name_completes_the_sessions_of_this_runspace()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectDnb.Replace("-PassThru", "-Name 'dnb prod'"), _emulator.Root);
        module.Run(Scripts.ConnectGeneric.Replace("-PassThru", "-Name generic-test"), _emulator.Root);

        Assert.Equal(new[] { "'dnb prod'", "generic-test" }, Complete(module, "Get-PrivacyServiceSession -Name "));
        Assert.Equal(new[] { "generic-test" }, Complete(module, "Disconnect-PrivacyService -Name gen"));
    }

    [Fact]
    public void Consent_file_values_complete_from_the_documented_lists()
    {
        using var module = new HostedModule();

        Assert.Equal(new[] { "OPT_OUT" }, Complete(module, "Get-ConsentFile -RequestType OP"));
        Assert.Contains("IDENTITYLINK", Complete(module, "Get-ConsentFile -IdentifierType "));
    }

    [Fact]
    public void Regulation_and_Product_complete_the_documented_Adobe_values()
    {
        using var module = new HostedModule();

        var regulations = Complete(module, "New-PrivacyJob -Regulation ");
        Assert.Contains("gdpr", regulations);
        Assert.Contains("ql25_qc_can", regulations);
        Assert.Equal(new[] { "cpa_co_usa", "cpra_ca_usa" }, Complete(module, "Get-PrivacyJob -Regulation cp").OrderBy(r => r, StringComparer.Ordinal));
        Assert.Equal(new[] { "adCloud", "aepDataLake", "analytics", "audienceManager" }, Complete(module, "New-PrivacyJob -Product a").OrderBy(p => p, StringComparer.Ordinal));
    }
}
