using System.Diagnostics;
using System.Management.Automation;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// Nothing done is forgotten: whatever stops New-PrivacyJob, what it says was sent, in flight and never sent matches what
/// the Privacy Service (the emulator) actually received.
/// </summary>
public sealed class BatchAccountingTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string JobsPath = "/adobe/data/core/privacy/jobs";
    private const string Connect = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'TESTORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -MaxRetry 0";

    private static string Users(int count) =>
        $"$users = 1..{count} | ForEach-Object {{ [pscustomobject]@{{ Key = 'u' + $_; Namespace = 'email'; Value = 'u' + $_ + '@example.com'; Type = 'standard' }} }}";

    private const string Submit = "$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics";

    /// <summary>One request at a time: the order of events is the order of the batches.</summary>
    private const string SubmitOneAtATime = Submit + " -ThrottleLimit 1";

    private readonly EmulatorFixture _emulator;

    public BatchAccountingTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose() => State.Reset();

    [Fact]
    public void Ctrl_C_during_a_request_says_what_was_sent_what_was_in_flight_and_what_never_left()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(2500));
        State.Faults.Add(new FaultRule(JobsPath, FaultKind.Slow, count: 1, method: "POST", delay: TimeSpan.FromMinutes(2), skip: 1));

        using var powerShell = System.Management.Automation.PowerShell.Create(module.Runspace);
        powerShell.AddScript(SubmitOneAtATime);
        var running = powerShell.BeginInvoke();
        var waited = Stopwatch.StartNew();
        while (State.Counters["faults.slow"] == 0 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        powerShell.Stop();
        var screen = module.Screen();

        Assert.True(running.IsCompleted);
        Assert.Equal(1000, State.Adobe.JobCount); // the server created the first request's jobs only
        Assert.Contains("1000 users were sent in 1 answered request(s) and their 1000 job(s) written out", screen, StringComparison.Ordinal);
        Assert.Contains("Request 2 of 3 (1000 users, 'u1001'", screen, StringComparison.Ordinal);
        Assert.Contains("may or may not have created jobs", screen, StringComparison.Ordinal);
        Assert.Contains("500 users were never sent", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_with_every_request_in_flight_names_each_of_them_and_nothing_as_never_sent()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(2500));
        State.Faults.Add(new FaultRule(JobsPath, FaultKind.Slow, count: 3, method: "POST", delay: TimeSpan.FromMinutes(2)));

        using var powerShell = System.Management.Automation.PowerShell.Create(module.Runspace);
        powerShell.AddScript(Submit + " -ThrottleLimit 3");
        var running = powerShell.BeginInvoke();
        var waited = Stopwatch.StartNew();
        while (State.Counters["faults.slow"] < 3 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        powerShell.Stop();
        var screen = module.Screen();

        Assert.True(running.IsCompleted);
        Assert.Equal(3, State.Counters["faults.slow"]);
        Assert.Equal(0, State.Adobe.JobCount);
        Assert.Contains("0 users were sent in 0 answered request(s)", screen, StringComparison.Ordinal);
        Assert.Contains("Request 1 of 3 (1000 users", screen, StringComparison.Ordinal);
        Assert.Contains("Request 2 of 3 (1000 users", screen, StringComparison.Ordinal);
        Assert.Contains("Request 3 of 3 (500 users", screen, StringComparison.Ordinal);
        Assert.Contains("were in flight and may or may not have created jobs", screen, StringComparison.Ordinal);
        Assert.Contains("0 users were never sent", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Stopped_by_a_failure_further_down_the_next_request_in_flight_is_cancelled_and_the_rest_never_left()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(2500));

        // The second request is held at the server, so it is surely in flight when the 1000th job fails downstream.
        State.Faults.Add(new FaultRule(JobsPath, FaultKind.Slow, count: 1, method: "POST", delay: TimeSpan.FromMinutes(2), skip: 1));
        // The failure waits (up to 10 s) until the server holds request 2, so it surely fails while that request is in flight.
        var result = module.Invoke(
            "$held = $args[0]\n" + SubmitOneAtATime + " | ForEach-Object -Begin { $n = 0 } -Process { $n++; if ($n -eq 1000) { " +
            "$deadline = [DateTime]::UtcNow.AddSeconds(10); while ($held.Invoke() -lt 1 -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(10) }; " +
            "throw 'the downstream step failed' } }",
            new Func<long>(() => State.Counters["faults.slow"]));
        var screen = module.Screen();

        Assert.Contains(result.Errors, e => e.ToString().Contains("the downstream step failed", StringComparison.Ordinal));
        Assert.Equal(1, State.Counters["adobe.jobs.post"]);
        Assert.Equal(1, State.Counters["faults.slow"]);
        Assert.Equal(1000, State.Adobe.JobCount);
        Assert.Contains("1000 users were sent in 1 answered request(s)", screen, StringComparison.Ordinal);
        Assert.Contains("Request 2 of 3 (1000 users, 'u1001'", screen, StringComparison.Ordinal);
        Assert.Contains("500 users were never sent", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_answer_after_three_accepted_requests_is_reported_on_its_users_and_the_rest_still_go()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(5000));
        State.Faults.Add(new FaultRule(JobsPath, FaultKind.MalformedJson, count: 1, method: "POST", skip: 3));

        var result = module.Invoke(SubmitOneAtATime);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("Request 4 of 5", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("may or may not have been submitted", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1000, Assert.IsAssignableFrom<System.Collections.ICollection>(error.TargetObject).Count);
        Assert.Equal(4000, result.Output.Count);
        Assert.Equal(4000, State.Adobe.JobCount); // every job written out exists at the server, and no other
    }
}
