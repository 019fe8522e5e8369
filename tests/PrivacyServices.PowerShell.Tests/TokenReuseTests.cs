using System.Management.Automation;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Token requests counted at the emulator while Get-ProjectInfo runs sequentially, in parallel runspaces, and across expiry.</summary>
public sealed class TokenReuseTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;

    public TokenReuseTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
    }

    private long Count(string key) => _emulator.Server.State.Counters[key];

    [Fact]
    public void One_hundred_sequential_calls_use_one_token()
    {
        using var module = new HostedModule();
        var tokensBefore = Count("telia.token");
        var callsBefore = Count("telia.projectInfo");

        module.Run(Scripts.ConnectTelia, _emulator.Root);
        var infos = module.Run("1..100 | ForEach-Object { Get-ProjectInfo }");

        Assert.Equal(100, infos.Count);
        Assert.Equal(100, Count("telia.projectInfo") - callsBefore);
        Assert.Equal(1, Count("telia.token") - tokensBefore);
        _output.WriteLine($"100 sequential calls: {Count("telia.token") - tokensBefore} token request(s)");
    }

    [Fact]
    public void Sixteen_parallel_runspaces_sharing_a_session_cause_one_token_request()
    {
        using var module = new HostedModule();
        _emulator.Server.State.SetLifetime("telia", TimeSpan.FromSeconds(2));
        PSObject session;
        try
        {
            session = module.Run(Scripts.ConnectTelia, _emulator.Root)[0];
        }
        finally
        {
            _emulator.Server.State.ResetLifetimes();
        }

        // Past half of the 2-second lifetime the token is stale, so all 16 runspaces find it so at once.
        Thread.Sleep(TimeSpan.FromSeconds(1.2));
        var tokensBefore = Count("telia.token");
        var callsBefore = Count("telia.projectInfo");
        var results = module.Run(@"
            $s = $args[0]; $module = $args[1]
            1..16 | ForEach-Object -Parallel {
                Import-Module $using:module
                1..10 | ForEach-Object { Get-ProjectInfo -Session $using:s }
            } -ThrottleLimit 16", session, RepoPaths.ModuleManifest);

        Assert.Equal(160, results.Count);
        Assert.Equal(160, Count("telia.projectInfo") - callsBefore);
        Assert.Equal(1, Count("telia.token") - tokensBefore);
        _output.WriteLine($"16 runspaces x 10 calls: {Count("telia.token") - tokensBefore} token request(s)");
    }

    [Fact]
    public void Another_runspace_without_Session_does_not_see_this_runspaces_default_session()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectTelia, _emulator.Root);

        var result = module.Invoke(@"
            1..2 | ForEach-Object -Parallel {
                Import-Module $using:args[0]
                try { Get-ProjectInfo -ErrorAction Stop; 'unexpected' } catch { $_.FullyQualifiedErrorId }
                @(Get-PrivacyServiceSession).Count
            }", RepoPaths.ModuleManifest);

        var texts = result.Output.Select(o => o.BaseObject.ToString()).ToList();
        Assert.DoesNotContain("unexpected", texts);
        Assert.Equal(2, texts.Count(t => t!.StartsWith("PrivacyServices.Session.NotConnected")));
        Assert.Equal(2, texts.Count(t => t == "0"));
    }

    [Fact]
    public void A_three_second_Telia_token_is_renewed_with_the_refresh_grant_about_every_half_lifetime()
    {
        using var module = new HostedModule();
        _emulator.Server.State.SetLifetime("telia", TimeSpan.FromSeconds(3));
        try
        {
            var fullBefore = Count("telia.token.client_credentials");
            var refreshBefore = Count("telia.token.refresh_token");
            var callsBefore = Count("telia.projectInfo");

            module.Run(Scripts.ConnectTelia, _emulator.Root);
            var started = DateTime.UtcNow;
            var failures = module.Run(@"
                $deadline = [DateTime]::UtcNow.AddSeconds(10); $failed = 0
                while ([DateTime]::UtcNow -lt $deadline) {
                    try { $null = Get-ProjectInfo -ErrorAction Stop } catch { $failed++ }
                    [Threading.Thread]::Sleep(50)
                }
                $failed");
            var elapsed = DateTime.UtcNow - started;

            var full = Count("telia.token.client_credentials") - fullBefore;
            var refresh = Count("telia.token.refresh_token") - refreshBefore;
            var calls = Count("telia.projectInfo") - callsBefore;
            _output.WriteLine($"3-second Telia token over {elapsed.TotalSeconds:0.0} s: {calls} calls, {full} client_credentials + {refresh} refresh_token grants");

            Assert.Equal(0, (int)failures[0].BaseObject);
            Assert.Equal(1, full);
            // The margin is capped at half of 3 s, so a token serves ~1.5 s: about 10 / 1.5 ≈ 7 renewals, never one per call.
            // The lower bound leaves room for a loaded machine, where calls (and so renewals) come later than every 50 ms.
            Assert.InRange(refresh, 3, 7);
            Assert.True(calls > 4 * (full + refresh), $"{calls} calls should far outnumber {full + refresh} token requests");
        }
        finally
        {
            _emulator.Server.State.ResetLifetimes();
        }
    }
}
