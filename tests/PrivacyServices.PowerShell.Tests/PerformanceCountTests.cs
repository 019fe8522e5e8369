using System.Management.Automation;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The performance properties that must not regress, as counts rather than timings (tests/PrivacyServices.Benchmarks
/// has the timings): connection reuse, one token for many parallel calls, pages requested only as the pipeline needs
/// them, no page kept once written, and no trace work unless verbose output is shown.
/// </summary>
public sealed class PerformanceCountTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public PerformanceCountTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Counters.Reset();
        State.LiveRamp.Reset();
        State.ResetLifetimes();
        State.Clients.Register("liveramp", TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);
    }

    private EmulatorState State => _emulator.Server.State;

    private long Count(string key) => State.Counters[key];

    private const string ConnectLiveRamp = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential $args[1] $args[2]) `
            -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')";

    private HostedModule ConnectedToLiveRamp()
    {
        var module = new HostedModule();
        module.Run(ConnectLiveRamp, _emulator.Root, TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);
        return module;
    }

    [Fact]
    public void Two_hundred_sequential_calls_use_one_API_connection_and_one_token_connection()
    {
        using var connections = new ConnectionCounter(_emulator.Server.BaseUri.Port);
        using var module = new HostedModule();
        State.SetLifetime("telia", TimeSpan.FromHours(1));

        module.Run(Scripts.ConnectTelia, _emulator.Root);
        var infos = module.Run("1..200 | ForEach-Object { Get-ProjectInfo }");

        Assert.Equal(200, infos.Count);
        Assert.Equal(200, Count("telia.projectInfo"));
        Assert.Equal(1, Count("telia.token"));
        // The session's API client and its token source each keep one pooled connection.
        Assert.Equal(2, connections.Opened);
    }

    [Fact]
    public void Sixteen_runspaces_making_1600_calls_with_an_hour_long_token_cause_only_the_Connect_token_request()
    {
        using var module = new HostedModule();
        State.SetLifetime("telia", TimeSpan.FromHours(1));

        var session = module.Run(Scripts.ConnectTelia, _emulator.Root)[0];
        var results = module.Run(@"
            $s = $args[0]; $module = $args[1]
            1..16 | ForEach-Object -Parallel {
                Import-Module $using:module
                1..100 | ForEach-Object { Get-ProjectInfo -Session $using:s }
            } -ThrottleLimit 16", session, RepoPaths.ModuleManifest);

        Assert.Equal(1600, results.Count);
        Assert.Equal(1600, Count("telia.projectInfo"));
        Assert.Equal(1, Count("telia.token"));
    }

    [Fact]
    public void Pages_are_fetched_at_most_one_ahead_of_the_page_being_written()
    {
        State.LiveRamp.Count = 1000;
        State.LiveRamp.PageSize = 200;
        using var module = ConnectedToLiveRamp();

        // For every file: how many pages the emulator had served when the file reached the next command. The next page is
        // requested while this one is written (so overlapping a distant service's round trip), never two ahead.
        var pagesSeen = module.Run(@"
            $state = $args[0]
            Get-ConsentFile | ForEach-Object { $state.Counters['liveramp.consentFiles.page'] }", State)
            .Select(o => (long)o.BaseObject).ToList();

        Assert.Equal(1000, pagesSeen.Count);
        for (var i = 0; i < pagesSeen.Count; i++)
        {
            var page = (i / 200) + 1;
            Assert.InRange(pagesSeen[i], page, Math.Min(page + 1, 5));
        }

        Assert.Equal(5, Count("liveramp.consentFiles.page"));
    }

    [Fact]
    public void No_file_of_an_earlier_page_is_kept_alive_while_later_pages_stream()
    {
        State.LiveRamp.Count = 900;
        State.LiveRamp.PageSize = 300;
        using var module = ConnectedToLiveRamp();

        // Weak references to the first page's files; at the first file of the third page, a full collection must have freed them all.
        var counts = module.Run(@"
            $refs = [System.Collections.Generic.List[WeakReference]]::new(); $n = 0; $aliveAtPage3 = -1
            Get-ConsentFile | ForEach-Object {
                if ($n -lt 300) { $refs.Add([WeakReference]::new($_.psobject.BaseObject)) }
                elseif ($n -eq 600) {
                    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
                    $aliveAtPage3 = 0; foreach ($r in $refs) { if ($r.IsAlive) { $aliveAtPage3++ } }
                }
                $n++
            }
            $n; $refs.Count; $aliveAtPage3").Select(o => (int)o.BaseObject).ToList();

        Assert.Equal(new[] { 900, 300, 0 }, counts);
    }

    [Fact]
    public void Verbose_trace_follows_the_preference_as_WriteVerbose_does()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectTelia, _emulator.Root);
        const string Call = "GET " + "http";

        Assert.DoesNotContain(module.Invoke("Get-ProjectInfo").Verbose, v => v.StartsWith(Call, StringComparison.Ordinal));
        Assert.Contains(module.Invoke("Get-ProjectInfo -Verbose").Verbose, v => v.StartsWith(Call, StringComparison.Ordinal));
        Assert.Contains(module.Invoke("$VerbosePreference = 'Continue'; Get-ProjectInfo").Verbose, v => v.StartsWith(Call, StringComparison.Ordinal));
        Assert.Contains(module.Invoke("function Test-Inner { [CmdletBinding()] param() Get-ProjectInfo }; Test-Inner -Verbose").Verbose, v => v.StartsWith(Call, StringComparison.Ordinal));
        Assert.DoesNotContain(module.Invoke("$VerbosePreference = 'Continue'; Get-ProjectInfo -Verbose:$false").Verbose, v => v.StartsWith(Call, StringComparison.Ordinal));
    }
}
