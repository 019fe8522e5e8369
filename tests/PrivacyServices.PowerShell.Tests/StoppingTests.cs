using System.Diagnostics;
using System.Management.Automation;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// Ctrl+C during a request that does not answer. A one-answer call runs without the pump when nobody shows its trace,
/// and through it with -Verbose: both must stop at once and leave the session usable.
/// </summary>
public sealed class StoppingTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public StoppingTests(EmulatorFixture emulator) => _emulator = emulator;

    private long Count(string key) => _emulator.Server.State.Counters[key];

    [Theory]
    [InlineData("Get-ProjectInfo")]
    [InlineData("Get-ProjectInfo -Verbose")]
    [InlineData("Invoke-PrivacyServiceRequest -Uri 'demo-project/configurations/projectInfo'")]
    public void Ctrl_C_stops_a_call_waiting_for_its_answer_and_the_session_still_works(string command)
    {
        using var module = new HostedModule();
        module.Run(@"
            $secret = [securestring]::new(); foreach ($c in 'telia-secret'.ToCharArray()) { $secret.AppendChar($c) }
            Connect-PrivacyService -Provider Telia -ClientCredential ([pscredential]::new('telia-client', $secret)) `
                -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api') -ProjectId demo-project", _emulator.Root);
        var slowBefore = Count("faults.slow");
        _emulator.Server.State.Faults.Add(new FaultRule("/telia/api", FaultKind.Slow, count: 1, delay: TimeSpan.FromMinutes(2)));
        try
        {
            using var powerShell = System.Management.Automation.PowerShell.Create(module.Runspace);
            powerShell.AddScript(command);
            var running = powerShell.BeginInvoke();
            var waited = Stopwatch.StartNew();
            while (Count("faults.slow") == slowBefore && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(20);
            }

            Assert.Equal(slowBefore + 1, Count("faults.slow"));
            var stopping = Stopwatch.StartNew();
            powerShell.Stop();
            Assert.True(running.IsCompleted);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), "Stop took " + stopping.Elapsed);
            Assert.Equal(PSInvocationState.Stopped, powerShell.InvocationStateInfo.State);
        }
        finally
        {
            _emulator.Server.State.Faults.Clear();
        }

        var after = module.Run("Get-ProjectInfo");
        Assert.Equal("demo-project", Assert.Single(after).Properties["ProjectId"].Value);
    }
}
