using Newtonsoft.Json.Linq;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// New-PrivacyJob -SkipExisting: a runbook that Azure Automation restarts from the top submits only what the service
/// does not have yet, and writes every job, old and new. Counted at the emulator.
/// </summary>
public sealed class RestartSafeSubmissionTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string JobsPath = "/adobe/data/core/privacy/jobs";

    private const string Connect = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')";

    private readonly EmulatorFixture _emulator;

    public RestartSafeSubmissionTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose() => State.Reset();

    [Fact]
    public void A_submission_killed_after_four_batches_and_run_again_with_SkipExisting_creates_only_the_six_missing_batches()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run("$users = 1..10000 | ForEach-Object { [pscustomobject]@{ Key = 'u' + $_; Namespace = 'email'; Value = 'u' + $_ + '@example.com' } }");

        // The first run dies after its 4th batch: the 5th request is held at the server, then the runbook is killed.
        State.Faults.Add(new FaultRule(JobsPath, FaultKind.Slow, count: 1, method: "POST", delay: TimeSpan.FromMinutes(2), skip: 4));
        module.Invoke(
            "$held = $args[0]\n$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -ThrottleLimit 1 | ForEach-Object -Begin { $n = 0 } -Process { $n++; if ($n -eq 4000) { " +
            "$deadline = [DateTime]::UtcNow.AddSeconds(10); while ($held.Invoke() -lt 1 -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(10) }; throw 'runbook unloaded' } }",
            new Func<long>(() => State.Counters["faults.slow"]));
        Assert.Equal(4000, State.Adobe.JobCount);
        var postsBefore = State.Counters["adobe.jobs.post"];
        var listsBefore = State.Counters["adobe.jobs.list"];

        var rerun = module.Invoke("$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SkipExisting -Verbose");

        Assert.Empty(rerun.Errors);
        Assert.Equal(6, State.Counters["adobe.jobs.post"] - postsBefore);
        Assert.Equal(10000, State.Adobe.JobCount);
        Assert.Equal(10000, rerun.Output.Count);
        Assert.Equal(10000, rerun.Output.Select(o => o.Properties["UserKey"].Value).Distinct().Count());
        Assert.InRange(State.Counters["adobe.jobs.list"] - listsBefore, 4, 5); // ceil(4,000 jobs in the window / 1,000 per page), not one per user
        Assert.Contains(rerun.Verbose, v => v.Contains("4000 job(s) already existed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_who_has_one_of_the_actions_gets_only_the_other_and_a_failed_job_is_submitted_again()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        var first = module.Run("New-PrivacyJob -Key alice -Namespace email -Value alice@example.com -Regulation gdpr -Action access -Product Analytics; " +
                               "New-PrivacyJob -Key bob -Namespace email -Value bob@example.com -Regulation gdpr -Action access,delete -Product Analytics");
        var bobsAccess = first.Single(j => (string)j.Properties["UserKey"].Value == "bob" && (string)j.Properties["Action"].Value == "access");
        Assert.True(State.Adobe.SetStatus((string)bobsAccess.Properties["JobId"].Value, "error", State.Time.GetUtcNow()));
        var accepted = State.Adobe.AcceptedPosts.Count;

        var rerun = module.Invoke(@"
            @([pscustomobject]@{ Key = 'alice'; Namespace = 'email'; Value = 'alice@example.com' }, [pscustomobject]@{ Key = 'bob'; Namespace = 'email'; Value = 'bob@example.com' }) |
                New-PrivacyJob -Regulation gdpr -Action access,delete -Product Analytics -SkipExisting");

        Assert.Empty(rerun.Errors);
        var bodies = State.Adobe.AcceptedPosts.Skip(accepted).Select(JObject.Parse).ToList();
        var sent = bodies.SelectMany(b => b["users"]!).Select(u => (string)u["key"]! + ":" + string.Join(",", u["action"]!.Select(a => (string)a!))).Order().ToList();
        Assert.Equal(new[] { "alice:delete", "bob:access" }, sent); // alice had access, bob's access failed, bob had delete
        Assert.Equal(4, rerun.Output.Count); // alice's access and bob's delete (existing) + alice's delete and bob's access (new)
    }

    [Fact]
    public void With_a_state_file_a_rerun_sends_nothing_recorded_and_asks_the_service_only_about_the_request_in_doubt()
    {
        var statePath = Path.Combine(Path.GetTempPath(), "ps-state-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            using var module = new HostedModule();
            module.Run(Connect, _emulator.Root);
            module.Run("$users = 1..5000 | ForEach-Object { [pscustomobject]@{ Key = 'u' + $_; Namespace = 'email'; Value = 'u' + $_ + '@example.com' } }");

            // Killed while request 3 is held at the server: 1 and 2 are recorded as done, 3 as sending, 4 and 5 not at all.
            State.Faults.Add(new FaultRule(JobsPath, FaultKind.Slow, count: 1, method: "POST", delay: TimeSpan.FromMinutes(2), skip: 2));
            module.Invoke(
                "$held = $args[0]\n$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -ThrottleLimit 1 -StatePath $args[1] | ForEach-Object -Begin { $n = 0 } -Process { $n++; if ($n -eq 2000) { " +
                "$deadline = [DateTime]::UtcNow.AddSeconds(10); while ($held.Invoke() -lt 1 -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(10) }; throw 'runbook unloaded' } }",
                new Func<long>(() => State.Counters["faults.slow"]), statePath);
            Assert.Equal(2000, State.Adobe.JobCount);

            var posts = State.Counters["adobe.jobs.post"];
            var lists = State.Counters["adobe.jobs.list"];
            var rerun = module.Invoke("$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -StatePath $args[0]", statePath);

            Assert.Empty(rerun.Errors);
            Assert.Equal(5000, rerun.Output.Count);
            Assert.Equal(3, State.Counters["adobe.jobs.post"] - posts); // users 2001-5000: request 3 was checked with the service, then sent
            Assert.True(State.Counters["adobe.jobs.list"] > lists, "the users of the request in doubt were not checked with the service");
            Assert.Equal(5000, State.Adobe.JobCount);

            posts = State.Counters["adobe.jobs.post"];
            lists = State.Counters["adobe.jobs.list"];
            var third = module.Invoke("$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -StatePath $args[0]", statePath);

            Assert.Equal(5000, third.Output.Count);
            Assert.Equal(0, State.Counters["adobe.jobs.post"] - posts);
            Assert.Equal(0, State.Counters["adobe.jobs.list"] - lists); // everything is in the file: the service is not asked
        }
        finally
        {
            File.Delete(statePath);
        }
    }
}
