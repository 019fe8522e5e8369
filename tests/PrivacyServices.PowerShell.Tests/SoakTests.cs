using System.Diagnostics;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>16 runspaces × 500 calls sharing one session with 2-second tokens while the API randomly answers 401 and 429.</summary>
public sealed class SoakTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;

    public SoakTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
    }

    [Fact]
    public void Sixteen_runspaces_times_500_calls_with_short_tokens_and_random_faults_all_succeed()
    {
        var state = _emulator.Server.State;
        state.SetLifetime("telia", TimeSpan.FromSeconds(2));
        using var module = new HostedModule();
        var session = module.Run(Scripts.ConnectTelia.Replace("-PassThru", "-MaxRetry 5 -PassThru"), _emulator.Root)[0];
        // Tokens die early at random (the API then answers 401 itself); a token issued in the last 200 ms is spared, as in life.
        state.Faults.Add(new FaultRule("/telia/api", FaultKind.RevokeToken, count: -1, probability: 0.01, seed: 7, minimumTokenAge: TimeSpan.FromMilliseconds(200)));
        state.Faults.Add(new FaultRule("/telia/api", FaultKind.Status, count: -1, status: 429, retryAfter: TimeSpan.Zero, probability: 0.02, seed: 11));
        var tokensBefore = state.Counters["telia.token"];
        var callsBefore = state.Counters["telia.projectInfo"];
        var watch = Stopwatch.StartNew();
        try
        {
            var result = module.Invoke(@"
                $s = $args[0]; $module = $args[1]
                1..16 | ForEach-Object -Parallel {
                    Import-Module $using:module
                    $ok = 0; $failed = 0
                    foreach ($i in 1..500) {
                        try { $null = Get-ProjectInfo -Session $using:s -ErrorAction Stop; $ok++ } catch { $failed++; Write-Warning ""call $i failed: $_"" }
                    }
                    [pscustomobject]@{ Ok = $ok; Failed = $failed }
                } -ThrottleLimit 16", session, RepoPaths.ModuleManifest);
            watch.Stop();

            var summaries = result.Output.Where(o => o.Properties["Ok"] is not null).ToList();
            var ok = summaries.Sum(o => (int)o.Properties["Ok"].Value);
            var failed = summaries.Sum(o => (int)o.Properties["Failed"].Value);
            var tokens = state.Counters["telia.token"] - tokensBefore;
            var seconds = watch.Elapsed.TotalSeconds;
            // One renewal per second of 2-second tokens (margin capped at half the lifetime), plus one per injected 401 at most.
            var bound = (long)Math.Ceiling(seconds / 1.0) + 1 + InjectedUnauthorized(state);
            _output.WriteLine($"Soak: 16 runspaces x 500 calls in {seconds:0.0} s: {ok} ok, {failed} failed; " +
                $"{state.Counters["telia.projectInfo"] - callsBefore} API calls served, {state.Counters["faults.injected"]} faults injected " +
                $"({InjectedUnauthorized(state)} x 401), {tokens} token requests (bound {bound})");

            foreach (var warning in result.Warning)
            {
                _output.WriteLine(warning);
            }

            Assert.Empty(result.Errors);
            Assert.Equal(16, summaries.Count);
            Assert.Equal(8000, ok);
            Assert.Equal(0, failed);
            Assert.True(state.Counters["faults.injected"] > 50, "faults must really have been injected");
            Assert.InRange(tokens, 2, bound);
        }
        finally
        {
            state.Faults.Clear();
            state.ResetLifetimes();
        }
    }

    private static long InjectedUnauthorized(EmulatorState state) => state.Counters["faults.revoketoken"];
}
