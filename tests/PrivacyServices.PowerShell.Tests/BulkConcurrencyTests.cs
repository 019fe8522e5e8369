using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// New-PrivacyJob's requests overlap up to -ThrottleLimit, counted at the emulator: never more in flight, exactly one job
/// per user and action even when the server throttles and requests are retried.
/// </summary>
public sealed class BulkConcurrencyTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')";

    private static string Users(int count) =>
        $"$users = 1..{count} | ForEach-Object {{ [pscustomobject]@{{ Key = 'u' + $_; Namespace = 'email'; Value = 'u' + $_ + '@example.com' }} }}";

    private readonly EmulatorFixture _emulator;

    public BulkConcurrencyTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose()
    {
        State.Field.Set(FieldSettings.None);
        State.Reset();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Requests_overlap_up_to_the_throttle_limit_and_never_beyond(int throttleLimit)
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(8000));
        State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150), null));

        var result = module.Invoke($"$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -ThrottleLimit {throttleLimit}");

        Assert.Empty(result.Errors);
        Assert.Equal(8000, result.Output.Count);
        Assert.Equal(8, State.Counters["adobe.jobs.post"]);
        Assert.Equal(throttleLimit, State.Field.PeakInFlight);
    }

    [Fact]
    public void With_SortedByKey_full_requests_overlap_up_to_the_throttle_limit_while_the_input_is_read()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150), null));

        module.Run(@"$rows = 1..6500 | ForEach-Object { [pscustomobject]@{ Key = 'u{0:D5}' -f $_; Namespace = 'email'; Value = ""u$_@example.com"" } }");
        var result = module.Invoke("$rows | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SortedByKey -ThrottleLimit 3");

        Assert.Empty(result.Errors);
        Assert.Equal(6500, result.Output.Count);
        Assert.Equal(6500, result.Output.Select(o => o.Properties["UserKey"].Value).Distinct().Count());
        Assert.Equal(7, State.Counters["adobe.jobs.post"]);
        Assert.InRange(State.Field.PeakInFlight, 2, 3); // overlapped, never beyond the limit (how deep depends on how fast rows are read)
    }

    [Fact]
    public void Save_ConsentFile_downloads_up_to_the_throttle_limit_at_once_and_writes_every_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ps-bulk-" + Guid.NewGuid().ToString("N"));
        try
        {
            State.LiveRamp.Count = 24;
            using var module = new HostedModule();
            module.Run(Scripts.CredentialHelper + @"
                Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential $args[1] $args[2]) `
                    -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')",
                _emulator.Root, TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);
            var files = module.Run("Get-ConsentFile");
            State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150), null));

            var result = module.Invoke("$args[1] | Save-ConsentFile -Path $args[0] -ThrottleLimit 4", folder, files);

            Assert.Empty(result.Errors);
            Assert.Equal(24, result.Output.Count);
            Assert.Equal(24, Directory.GetFiles(folder).Length);
            Assert.Equal(24, State.Counters["files.download"]);
            Assert.Equal(4, State.Field.PeakInFlight);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Wait_PrivacyJob_finds_piped_jobs_by_listing_about_a_request_per_thousand_jobs_per_round()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(2500));
        var jobs = module.Run("$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics");
        Assert.Equal(2500, jobs.Count);

        var result = module.Invoke("$args[0] | Wait-PrivacyJob -PollInterval 0.01 -Verbose", jobs);

        Assert.Empty(result.Errors);
        Assert.Equal(2500, result.Output.Count);
        Assert.All(result.Output, j => Assert.Equal("complete", j.Properties["Status"].Value));
        var rounds = result.Progress.Count(p => p.RecordType == System.Management.Automation.ProgressRecordType.Processing) + 1;
        Assert.True(rounds >= 2, "the jobs finished before a second round: the test proves little");
        Assert.Equal(0, State.Counters["adobe.jobs.get"]);
        Assert.InRange(State.Counters["adobe.jobs.list"], rounds, rounds * 3); // ceil(2500 / 1000) pages at most per round
    }

    [Fact]
    public void Get_ConsentFile_requests_the_next_page_while_writing_the_current_one_and_none_past_First()
    {
        State.LiveRamp.Count = 30;
        State.LiveRamp.PageSize = 10;
        using var module = new HostedModule();
        module.Run(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential $args[1] $args[2]) `
                -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')",
            _emulator.Root, TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);

        // While the first file of page 1 is in the pipeline, page 2 is requested (waited for up to 10 s, not timed).
        var seenWhileWriting = module.Run(@"
            $counter = $args[0]; $first = $true
            Get-ConsentFile | ForEach-Object {
                if ($first) {
                    $first = $false
                    $deadline = [DateTime]::UtcNow.AddSeconds(10)
                    while ($counter.Invoke() -lt 2 -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(10) }
                    $counter.Invoke()
                }
            }", new Func<long>(() => State.Counters["liveramp.consentFiles.page"]));
        Assert.Equal(2L, Convert.ToInt64(Assert.Single(seenWhileWriting).BaseObject));

        State.Counters.Reset();
        var first = module.Run("Get-ConsentFile -First 10");
        Assert.Equal(10, first.Count);
        Assert.Equal(1, State.Counters["liveramp.consentFiles.page"]); // page 1 satisfies -First: nothing fetched ahead

        State.Counters.Reset();
        var all = module.Run("Get-ConsentFile");
        Assert.Equal(30, all.Count);
        Assert.Equal(3, State.Counters["liveramp.consentFiles.page"]);
    }

    [Fact]
    public void Get_PrivacyJob_reads_piped_ids_up_to_the_throttle_limit_at_once_and_lists_a_page_ahead()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(300));
        var ids = module.Run("$users | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics | ForEach-Object JobId");
        State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), null));

        var read = module.Invoke("$args[0] | Get-PrivacyJob -ThrottleLimit 3", new object[] { ids.Take(24).Select(o => o.BaseObject).ToArray() });

        Assert.Empty(read.Errors);
        Assert.Equal(24, read.Output.Count);
        Assert.Equal(24, State.Counters["adobe.jobs.get"]);
        Assert.Equal(3, State.Field.PeakInFlight);

        // While the first job of page 1 is in the pipeline, page 2 is requested (waited for up to 10 s, not timed).
        var seenWhileWriting = module.Run(@"
            $counter = $args[0]; $first = $true
            Get-PrivacyJob -Regulation gdpr -PageSize 100 | ForEach-Object {
                if ($first) {
                    $first = $false
                    $deadline = [DateTime]::UtcNow.AddSeconds(10)
                    while ($counter.Invoke() -lt 2 -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(10) }
                    $counter.Invoke()
                }
            }", new Func<long>(() => State.Counters["adobe.jobs.list"]));
        Assert.Equal(2L, Convert.ToInt64(Assert.Single(seenWhileWriting).BaseObject));
        Assert.Equal(4, State.Counters["adobe.jobs.list"]); // 300 jobs: pages of 100, 100, 100 and an empty last one
    }

    [Fact]
    public void Under_a_rate_limit_every_user_gets_exactly_one_job_and_the_throttling_is_reported()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        module.Run(Users(5000));
        State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), 2));

        var result = module.Invoke("$users | New-PrivacyJob -Regulation gdpr -Action access,delete -Product Analytics -ThrottleLimit 4 -Verbose");

        Assert.Empty(result.Errors);
        Assert.True(State.Counters["ratelimit.rejected"] > 0, "the rate limit never applied: the test proves nothing");
        Assert.Equal(5, State.Counters["adobe.jobs.post"]);
        Assert.Equal(10000, State.Adobe.JobCount);
        Assert.Equal(10000, result.Output.Select(o => o.Properties["JobId"].Value).Distinct().Count());
        Assert.Contains(result.Verbose, v => v.Contains("throttled", StringComparison.Ordinal));
    }
}
