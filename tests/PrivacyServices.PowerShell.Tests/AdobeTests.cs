using System.Diagnostics;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Adobe Privacy Service end to end: the built module in a hosted engine against the in-process emulator.</summary>
public sealed class AdobeTests : IClassFixture<EmulatorFixture>
{
    /// <summary>$args[0] = emulator root, $args[1] = client secret.</summary>
    private const string Connect = @"
        $secret = [securestring]::new(); foreach ($c in $args[1].ToCharArray()) { $secret.AppendChar($c) }
        Connect-PrivacyService -Provider Adobe -ClientCredential ([pscredential]::new('adobe-client', $secret)) `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -OrgId 'TESTORG@AdobeOrg'";

    /// <summary>2,500 CSV-like rows for 2,100 users: user0…user2099 by email, then user0…user399 again with an ECID.</summary>
    private const string Rows = @"
        $rows = [System.Collections.Generic.List[object]]::new()
        foreach ($i in 0..2099) { $rows.Add([pscustomobject]@{ Key = ""user$i""; Namespace = 'email'; Value = ""user$i@example.com""; Type = 'standard' }) }
        foreach ($i in 0..399) { $rows.Add([pscustomobject]@{ Key = ""user$i""; Namespace = 'ECID'; Value = ""4436365767997586810210$i""; Type = 'Standard' }) }";

    private readonly EmulatorFixture _emulator;

    public AdobeTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.State.Counters.Reset();
        _emulator.Server.State.Adobe.Reset();
    }

    private Emulator.Adobe.AdobePrivacyState Adobe => _emulator.Server.State.Adobe;

    private long Count(string key) => _emulator.Server.State.Counters[key];

    private HostedModule Connected()
    {
        var module = new HostedModule();
        module.Run(Connect, _emulator.Root, TestCredentials.AdobeClientSecret);
        return module;
    }

    [Fact]
    public void Token_is_cached_refreshed_on_demand_and_Adobe_headers_reach_the_gateway()
    {
        using var module = Connected();
        var tokens = module.Run("Get-PrivacyToken; Get-PrivacyToken");
        Assert.All(tokens, t => Assert.Equal("Cache", t.Properties["Source"].Value.ToString()));
        Assert.Equal(1, Count("adobe.token"));
        var expires = (DateTimeOffset)tokens[0].Properties["ExpiresOn"].Value;
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(86399 - 120), TimeSpan.FromSeconds(86399));

        var refreshed = module.Run("Get-PrivacyToken -ForceRefresh");
        Assert.Equal("IdentityProvider", refreshed[0].Properties["Source"].Value.ToString());
        Assert.Equal(2, Count("adobe.token"));

        module.Run("Get-PrivacyJob -Regulation gdpr");
        var call = Assert.Single(Adobe.Calls);
        Assert.Equal("adobe-client", call.ApiKey);
        Assert.Equal(TestCredentials.AdobeOrgId, call.OrgId);
        Assert.Equal(2, Count("adobe.token"));
    }

    [Fact]
    public void Csv_rows_are_merged_by_key_sent_in_batches_of_1000_and_every_body_matches_the_OpenAPI_schema()
    {
        using var module = Connected();
        var whatIf = module.Invoke(Rows + "\n$rows | New-PrivacyJob -Regulation gdpr -Action access,delete -Product Analytics,AudienceManager -WhatIf");
        Assert.Empty(whatIf.Output);
        Assert.Empty(whatIf.Errors);
        Assert.Equal(0, Count("adobe.jobs.post"));

        var result = module.Invoke(Rows + "\n$rows.Count; $rows | New-PrivacyJob -Regulation gdpr -Action access,delete -Product Analytics,AudienceManager -Verbose");
        Assert.Empty(result.Errors);
        Assert.Equal(2500, (int)result.Output[0].BaseObject);
        var jobs = result.Output.Skip(1).Select(o => new Job(o)).ToList();
        Assert.Equal(4200, jobs.Count);
        Assert.Equal(4200, jobs.Select(j => j.JobId).Distinct().Count());
        Assert.Equal(2100, jobs.Select(j => j.UserKey).Distinct().Count());
        Assert.All(jobs, j => Assert.Equal("gdpr", j.Regulation));
        Assert.Equal(3, Count("adobe.jobs.post"));
        Assert.Equal(4200, Adobe.JobCount);
        Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("2100 of 2100 users sent", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Contains("2500 rows → 2100 users", StringComparison.Ordinal));

        var bodies = Adobe.AcceptedPosts;
        Assert.Equal(new[] { 100, 1000, 1000 }, bodies.Select(b => ((JArray)JObject.Parse(b)["users"]!).Count).Order()); // sent concurrently
        foreach (var body in bodies)
        {
            Assert.Empty(AdobeOpenApiSchema.ValidateJobRequest(body));
        }

        var first = bodies.Select(JObject.Parse).Single(b => (string?)b["users"]![0]!["key"] == "user0");
        Assert.Equal("imsOrgID", (string?)first["companyContexts"]![0]!["namespace"]);
        Assert.Equal(TestCredentials.AdobeOrgId, (string?)first["companyContexts"]![0]!["value"]);
        var user0 = first["users"]![0]!;
        Assert.Equal("user0", (string?)user0["key"]);
        Assert.Equal(new[] { "email", "ECID" }, user0["userIDs"]!.Select(id => (string?)id["namespace"]));
        Assert.All(user0["userIDs"]!, id => Assert.Equal("standard", (string?)id["type"]));
        Assert.Equal(new[] { "access", "delete" }, user0["action"]!.Select(a => (string?)a));

        // The validation is real: it refuses a body with a required field missing, a wrong enum value or too many IDs.
        var noInclude = (JObject)first.DeepClone();
        noInclude.Remove("include");
        Assert.NotEmpty(AdobeOpenApiSchema.ValidateJobRequest(noInclude.ToString()));
        var badPriority = (JObject)first.DeepClone();
        badPriority["priority"] = "urgent";
        Assert.NotEmpty(AdobeOpenApiSchema.ValidateJobRequest(badPriority.ToString()));
        var tooManyIds = (JObject)first.DeepClone();
        tooManyIds["users"]![0]!["userIDs"] = new JArray(Enumerable.Range(0, 10).Select(i => new JObject { ["namespace"] = "email", ["value"] = $"u{i}@example.com", ["type"] = "standard" }));
        Assert.NotEmpty(AdobeOpenApiSchema.ValidateJobRequest(tooManyIds.ToString()));
        var noKey = (JObject)first.DeepClone();
        ((JObject)noKey["users"]![0]!).Remove("key");
        Assert.NotEmpty(AdobeOpenApiSchema.ValidateJobRequest(noKey.ToString()));
    }

    [Fact]
    public void SortedByKey_sends_each_request_as_soon_as_it_is_full_and_refuses_a_key_that_comes_back()
    {
        using var module = Connected();

        // 2,100 users sorted by Key with their rows together (user0000 email, user0000 ECID, user0001 email, …); the
        // generator notes how many requests the emulator had seen when it produced row 1,800: streaming means at least one.
        var result = module.Invoke(@"
            $counters = $args[0]; $seen = @{}; $n = 0
            & {
                foreach ($i in 0..2099) {
                    $key = 'user{0:D4}' -f $i
                    [pscustomobject]@{ Key = $key; Namespace = 'email'; Value = ""$key@example.com"" }
                    if ($i -lt 400) { [pscustomobject]@{ Key = $key; Namespace = 'ECID'; Value = ""4436365767997586810210$i"" } }
                    if (++$n -eq 1800) {
                        # The first request left in the background when user 1,000 was complete: wait (up to 10 s) for it to arrive.
                        $deadline = [DateTime]::UtcNow.AddSeconds(10)
                        while ($counters['adobe.jobs.post'] -lt 1 -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(10) }
                        $seen.At1800 = $counters['adobe.jobs.post']
                    }
                }
                [pscustomobject]@{ Key = 'user0007'; Namespace = 'email'; Value = 'late@example.com' }
            } | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SortedByKey | ForEach-Object { $null = $_ }
            $seen.At1800", _emulator.Server.State.Counters);

        Assert.Equal(1L, Convert.ToInt64(Assert.Single(result.Output).BaseObject));
        Assert.Equal(3, Count("adobe.jobs.post"));
        Assert.Equal(new[] { 100, 1000, 1000 }, Adobe.AcceptedPosts.Select(body => JObject.Parse(body)["users"]!.Count()).Order());
        var late = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Adobe.KeyNotSorted", late.FullyQualifiedErrorId);
        Assert.Contains("'user0007' came after user 'user2099'", late.ToString());
        Assert.DoesNotContain(Adobe.AcceptedPosts, body => body.Contains("late@example.com"));
    }

    [Fact]
    public void SortedByKey_accepts_keys_in_the_cultures_case_insensitive_order_and_refuses_rows_where_the_order_breaks()
    {
        using var module = Connected();

        // 'a', 'B', 'c' is how Sort-Object Key sorts them (not ordinal: 'B' < 'a'); 'user10' after 'user9' is in no such order.
        var result = module.Invoke(@"
            @(
                [pscustomobject]@{ Key = 'a'; Namespace = 'email'; Value = 'a@example.com' }
                [pscustomobject]@{ Key = 'B'; Namespace = 'email'; Value = 'b@example.com' }
                [pscustomobject]@{ Key = 'c'; Namespace = 'email'; Value = 'c@example.com' }
            ) | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SortedByKey
            [pscustomobject]@{ Key = 'user9'; Namespace = 'email'; Value = '9@example.com' },
            [pscustomobject]@{ Key = 'user10'; Namespace = 'email'; Value = '10@example.com' } |
                New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SortedByKey");

        Assert.Equal(new[] { "B", "a", "c", "user9" }, result.Output.Select(o => new Job(o).UserKey).OrderBy(k => k, StringComparer.Ordinal));
        var unsorted = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Adobe.KeyNotSorted", unsorted.FullyQualifiedErrorId);
        Assert.Equal("user10", unsorted.TargetObject);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, unsorted.CategoryInfo.Category);
    }

    [Fact]
    public void Optional_settings_reach_the_body_in_the_spec_types()
    {
        using var module = Connected();
        module.Run("New-PrivacyJob -Key dsmith -Namespace email -Value dsmith@acme.com -Regulation ccpa -Action delete -Product Analytics -ExpandIds -Priority low -AnalyticsDeleteMethod purge -MergePolicyId mp-1");
        var body = Assert.Single(Adobe.AcceptedPosts);
        Assert.Empty(AdobeOpenApiSchema.ValidateJobRequest(body));
        var json = JObject.Parse(body);
        Assert.Equal(JTokenType.String, json["expandIds"]!.Type);
        Assert.Equal("true", (string?)json["expandIds"]);
        Assert.Equal("low", (string?)json["priority"]);
        Assert.Equal("purge", (string?)json["analyticsDeleteMethod"]);
        Assert.Equal("mp-1", (string?)json["mergePolicyId"]);
    }

    [Fact]
    public void A_user_with_ten_ids_is_refused_before_any_request_and_only_valid_users_are_sent()
    {
        using var module = Connected();
        const string tenIds = "$ten = foreach ($i in 1..10) { [pscustomobject]@{ Key = 'tenIds'; Namespace = 'email'; Value = \"t$i@example.com\" } }";
        var refused = module.Invoke(tenIds + "\n$ten | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics");
        Assert.Empty(refused.Output);
        Assert.Equal(0, Count("adobe.jobs.post"));
        var error = Assert.Single(refused.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("PrivacyServices.Adobe.TooManyUserIds", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'tenIds'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("10 IDs", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("at most 9", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("PrivacyServices.Models.PrivacyUser", error.TargetObject.GetType().FullName);
        Assert.Equal("tenIds", PSObject.AsPSObject(error.TargetObject).Properties["Key"].Value);

        var mixed = module.Invoke(tenIds + "\n@($ten) + [pscustomobject]@{ Key = 'fine'; Namespace = 'email'; Value = 'fine@example.com'; Type = 'bogus' } + [pscustomobject]@{ Key = 'ok'; Namespace = 'email'; Value = 'ok@example.com' } | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics");
        Assert.Equal(2, mixed.Errors.Count);
        Assert.Contains(mixed.Errors, e => e.FullyQualifiedErrorId.StartsWith("PrivacyServices.Adobe.UnknownUserIdType", StringComparison.Ordinal) && e.Exception.Message.Contains("'bogus'", StringComparison.Ordinal));
        Assert.Equal("ok", new Job(Assert.Single(mixed.Output)).UserKey);
        var users = (JArray)JObject.Parse(Assert.Single(Adobe.AcceptedPosts))["users"]!;
        Assert.Equal("ok", (string?)Assert.Single(users)["key"]);
    }

    [Fact]
    public void A_job_is_followed_to_complete_by_Wait_PrivacyJob()
    {
        using var module = Connected();
        var result = module.Invoke("New-PrivacyJob -Key dsmith -Namespace email -Value dsmith@acme.com -Regulation ccpa -Action access -Product Analytics,AudienceManager | Wait-PrivacyJob -PollInterval 0.01");
        Assert.Empty(result.Errors);
        var job = new Job(Assert.Single(result.Output));
        Assert.Equal("complete", job.Status);
        Assert.Equal("dsmith", job.UserKey);
        Assert.Equal("access", job.Action);
        Assert.Equal("ccpa", job.Regulation);
        Assert.NotNull(job.DownloadUrl);
        Assert.EndsWith($"/jobs/{job.JobId}/content", new Uri(job.DownloadUrl!).AbsolutePath, StringComparison.Ordinal);
        Assert.InRange(job.CreatedDate!.Value, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(new[] { "Analytics", "AudienceManager" }, job.ProductResponses.Select(p => p.Properties["Product"].Value));
        Assert.All(job.ProductResponses, p => Assert.Equal("PRVCY-6000-200", p.Properties["ResponseMsgCode"].Value));
        Assert.Equal("dsmith@acme.com", Assert.Single(job.UserIds).Properties["Value"].Value);
        Assert.Equal(3, Count("adobe.jobs.get")); // submitted → processing → complete
        Assert.Contains(result.Progress, p => p.Activity == "Waiting for Adobe privacy jobs" && p.StatusDescription.Contains("0 of 1 finished", StringComparison.Ordinal));
    }

    [Fact]
    public void Wait_PrivacyJob_reports_failed_jobs_unknown_ids_and_a_timeout_naming_the_pending_jobs()
    {
        using var module = Connected();
        var created = module.Run("New-PrivacyJob -Key a -Namespace email -Value a@example.com -Regulation gdpr -Action access,delete -Product Analytics").Select(o => new Job(o)).ToList();
        Adobe.SetStatus(created[0].JobId, "error", DateTimeOffset.UtcNow);
        Adobe.PollsPerStep = 1_000_000;

        var result = module.Invoke("$args[0], 'no-such-job' | Wait-PrivacyJob -PollInterval 0.2 -Timeout 1", (object)created.Select(j => j.JobId).ToArray());
        var failed = new Job(Assert.Single(result.Output));
        Assert.Equal(created[0].JobId, failed.JobId);
        Assert.Equal("error", failed.Status);
        Assert.Contains(result.Warning, w => w.Contains(created[0].JobId, StringComparison.Ordinal) && w.Contains("'error'", StringComparison.Ordinal));

        Assert.True(result.Errors.Count == 2, string.Join("\n", result.Errors));
        var notFound = result.Errors.Single(e => e.CategoryInfo.Category == ErrorCategory.ObjectNotFound);
        Assert.Equal("no-such-job", notFound.TargetObject);
        Assert.Contains("PRVCY-1404-404", notFound.Exception.Message, StringComparison.Ordinal);
        var timeout = result.Errors.Single(e => e.CategoryInfo.Category == ErrorCategory.OperationTimeout);
        Assert.StartsWith("PrivacyServices.Adobe.WaitTimeout,", timeout.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(created[1].JobId, timeout.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(created[0].JobId, timeout.Exception.Message, StringComparison.Ordinal);
        var pending = Assert.Single((object[])timeout.TargetObject);
        Assert.Equal(created[1].JobId, new Job((PSObject)pending).JobId);
    }

    [Fact]
    public void With_KeepRecords_off_the_emulator_answers_as_usual_but_keeps_nothing_for_benchmarks()
    {
        using var module = Connected();
        var postsBefore = Count("adobe.jobs.post");
        Adobe.KeepRecords = false;
        try
        {
            var job = new Job(module.Run("New-PrivacyJob -Key a -Namespace email -Value a@example.com -Regulation gdpr -Action access -Product Analytics")[0]);

            Assert.False(string.IsNullOrEmpty(job.JobId));
            Assert.Equal(postsBefore + 1, Count("adobe.jobs.post"));
            Assert.Equal(0, Adobe.JobCount);
            Assert.Empty(Adobe.AcceptedPosts);
            Assert.Empty(Adobe.Calls);
        }
        finally
        {
            Adobe.KeepRecords = true;
        }
    }

    [Fact]
    public void Ctrl_C_stops_Wait_PrivacyJob_during_its_wait()
    {
        using var module = Connected();
        var jobId = new Job(module.Run("New-PrivacyJob -Key a -Namespace email -Value a@example.com -Regulation gdpr -Action access -Product Analytics")[0]).JobId;
        Adobe.PollsPerStep = 1_000_000;

        using var powerShell = System.Management.Automation.PowerShell.Create(module.Runspace);
        powerShell.AddScript("Wait-PrivacyJob -JobId $args[0] -PollInterval 600").AddArgument(jobId);
        var running = powerShell.BeginInvoke();
        var waited = Stopwatch.StartNew();
        while (Count("adobe.jobs.get") == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(20);
        }

        Assert.Equal(1, Count("adobe.jobs.get"));
        var stopping = Stopwatch.StartNew();
        powerShell.Stop();
        Assert.True(running.IsCompleted);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), "Stop took " + stopping.Elapsed);
        Assert.Equal(PSInvocationState.Stopped, powerShell.InvocationStateInfo.State);
        Assert.Equal(1, Count("adobe.jobs.get"));
    }

    [Fact]
    public void Get_PrivacyJob_lists_page_by_page_and_hands_each_page_on_with_at_most_one_page_fetched_ahead()
    {
        using var module = Connected();
        module.Run("@(foreach ($i in 1..5) { [pscustomobject]@{ Key = \"u$i\"; Namespace = 'email'; Value = \"u$i@example.com\" } }) | New-PrivacyJob -Regulation lgpd_bra -Action access -Product Analytics");
        module.Run("New-PrivacyJob -Key other -Namespace email -Value o@example.com -Regulation gdpr -Action access -Product Analytics");

        var result = module.Invoke(@"
            $counters = $args[0]; $firstSeenAfter = $null
            $jobs = @(Get-PrivacyJob -Regulation lgpd_bra -PageSize 2 | ForEach-Object { if ($null -eq $firstSeenAfter) { $firstSeenAfter = $counters['adobe.jobs.list'] }; $_ })
            $firstSeenAfter; $jobs.Count; $jobs", _emulator.Server.State.Counters);
        Assert.Empty(result.Errors);
        Assert.InRange((long)result.Output[0].BaseObject, 1L, 2L); // page 1, and page 2 possibly on its way already
        Assert.Equal(5, (int)result.Output[1].BaseObject);
        var jobs = result.Output.Skip(2).Select(o => new Job(o)).ToList();
        Assert.Equal(new[] { "u1", "u2", "u3", "u4", "u5" }, jobs.Select(j => j.UserKey).OrderBy(k => k));
        Assert.All(jobs, j => Assert.Equal("submitted", j.Status));
        Assert.All(jobs, j => Assert.Equal("lgpd_bra", j.Regulation));
        Assert.All(jobs, j => Assert.NotNull(j.CreatedDate));
        Assert.Equal(3, Count("adobe.jobs.list"));

        var filtered = module.Invoke("Get-PrivacyJob -Regulation lgpd_bra -Status complete; Get-PrivacyJob -Regulation lgpd_bra -FromDate ([datetime]::UtcNow)");
        Assert.Empty(filtered.Output);
        var rangeError = Assert.Single(filtered.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, rangeError.CategoryInfo.Category);
        Assert.Contains("(-ToDate)", rangeError.ToString(), StringComparison.Ordinal);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The first listing read each job once, which moves emulated jobs on (by either route): they are processing now.
        var ranged = module.Run("Get-PrivacyJob -Regulation lgpd_bra -FromDate ([datetime]$args[0]).AddDays(-1) -ToDate ([datetime]$args[0]) -Status processing", today);
        Assert.Equal(5, ranged.Count);
    }

    [Fact]
    public void The_spec_spellings_jobDetails_and_downloadUrl_are_read_too()
    {
        using var module = Connected();
        Adobe.SpecSpelling = true;
        var result = module.Invoke("New-PrivacyJob -Key dsmith -Namespace email -Value d@acme.com -Regulation ccpa -Action access,delete -Product Analytics | Wait-PrivacyJob -PollInterval 0.01");
        Assert.Empty(result.Errors);
        var jobs = result.Output.Select(o => new Job(o)).ToList();
        Assert.Equal(new[] { "access", "delete" }, jobs.Select(j => j.Action).OrderBy(a => a));
        Assert.All(jobs, j => Assert.Equal("complete", j.Status));
        Assert.NotNull(jobs.Single(j => j.Action == "access").DownloadUrl);
        Assert.Null(jobs.Single(j => j.Action == "delete").DownloadUrl);
    }

    [Fact]
    public void A_failed_batch_is_reported_with_its_users_while_the_other_batches_are_created()
    {
        using var module = Connected();
        Adobe.FailPosts(count: 1, status: 500, skip: 1);
        var result = module.Invoke(Rows + "\n$rows | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -ThrottleLimit 1");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Api.Http500,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith("Request 2 of 3", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("1000 users were not submitted", error.Exception.Message, StringComparison.Ordinal);
        var failedKeys = ((object[])error.TargetObject).Select(u => (string)PSObject.AsPSObject(u).Properties["Key"].Value).ToList();
        Assert.Equal(1000, failedKeys.Count);

        var createdKeys = result.Output.Select(o => (new Job(o)).UserKey!).ToList();
        Assert.Equal(1100, createdKeys.Count);
        Assert.Empty(createdKeys.Intersect(failedKeys));
        Assert.Equal(2100, createdKeys.Concat(failedKeys).Distinct().Count());

        // Server side: the failed POST was not resent and nothing else was lost or duplicated.
        Assert.Equal(3, Count("adobe.jobs.post"));
        Assert.Equal(1100, Adobe.JobCount);
        Assert.Equal(createdKeys.OrderBy(k => k), Adobe.Jobs.Select(j => j.UserKey).OrderBy(k => k));
    }

    [Fact]
    public void Adobe_error_bodies_become_error_records_with_the_vendor_code_and_the_right_category()
    {
        using var module = Connected();

        var badProduct = module.Invoke("New-PrivacyJob -Key a -Namespace email -Value a@example.com -Regulation gdpr -Action access -Product Photoshop");
        var invalid = Assert.Single(badProduct.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
        Assert.Contains("PRVCY-1000-400", invalid.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Photoshop", invalid.Exception.Message, StringComparison.Ordinal);

        var notFound = Assert.Single(module.Invoke("Get-PrivacyJob -JobId missing-job").Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);

        // A valid token but no x-api-key (an -AccessToken session has no client id): the gateway's 403000.
        var noApiKey = module.Invoke(@"
            $token = Get-PrivacyToken -AsPlainText
            $secure = [securestring]::new(); foreach ($c in $token.ToCharArray()) { $secure.AppendChar($c) }
            Connect-PrivacyService -Provider Adobe -AccessToken $secure -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -OrgId 'TESTORG@AdobeOrg' -Name bare
            Get-PrivacyJob -JobId some-job", _emulator.Root);
        var forbidden = Assert.Single(noApiKey.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, forbidden.CategoryInfo.Category);
        Assert.Contains("403000", forbidden.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Api Key is required", forbidden.Exception.Message, StringComparison.Ordinal);

        // With -ClientId the same bring-your-own-token session sends x-api-key and is let through.
        var withClientId = module.Invoke(@"
            $token = Get-PrivacyToken -Session (Get-PrivacyServiceSession -Name Adobe) -AsPlainText
            $secure = [securestring]::new(); foreach ($c in $token.ToCharArray()) { $secure.AppendChar($c) }
            Connect-PrivacyService -Provider Adobe -AccessToken $secure -ClientId adobe-client -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -OrgId 'TESTORG@AdobeOrg' -Name byo
            Get-PrivacyJob -JobId missing-job", _emulator.Root);
        Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(withClientId.Errors).CategoryInfo.Category);

        // A token the gateway does not accept: 401013, still refused after the one refresh-and-retry.
        var badToken = module.Invoke(@"
            $secure = [securestring]::new(); foreach ($c in 'not-an-adobe-token'.ToCharArray()) { $secure.AppendChar($c) }
            Connect-PrivacyService -Provider Adobe -AccessToken $secure -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -OrgId 'TESTORG@AdobeOrg' -Name forged
            Get-PrivacyJob -JobId some-job", _emulator.Root);
        var unauthenticated = Assert.Single(badToken.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, unauthenticated.CategoryInfo.Category);
        Assert.Contains("401013", unauthenticated.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_secret_fails_at_Connect_with_invalid_client_and_the_secret_appears_nowhere()
    {
        const string canary = "CANARY-adobe-secret-5f2b9e";
        using var module = new HostedModule();
        var result = module.Invoke(Connect + " -Verbose -PassThru", _emulator.Root, canary);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("invalid_client", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, Count("adobe.token"));
        Assert.DoesNotContain(canary, result.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", result.AllText(), StringComparison.Ordinal);

        var noSession = module.Invoke("Get-PrivacyJob -JobId x");
        Assert.Equal("PrivacyServices.Session.NotConnected,PrivacyServices.PowerShell.Commands.GetPrivacyJobCommand", Assert.Single(noSession.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Privacy_job_cmdlets_refuse_a_session_of_another_provider()
    {
        using var module = new HostedModule();
        var result = module.Invoke(@"
            $secret = [securestring]::new(); foreach ($c in 'telia-secret'.ToCharArray()) { $secret.AppendChar($c) }
            Connect-PrivacyService -Provider Telia -ClientCredential ([pscredential]::new('telia-client', $secret)) -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api')
            Get-PrivacyJob -Regulation gdpr", _emulator.Root);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Session.WrongProvider", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(0, Count("adobe.api"));
    }

    /// <summary>A PrivacyJob as a script sees it (the test assembly does not reference the module's types).</summary>
    private sealed class Job
    {
        private readonly PSObject _raw;

        public Job(PSObject raw)
        {
            Assert.Equal("PrivacyServices.Models.PrivacyJob", raw.BaseObject.GetType().FullName);
            _raw = raw;
        }

        public string JobId => Get<string>("JobId")!;
        public string? UserKey => Get<string>("UserKey");
        public string? Action => Get<string>("Action");
        public string? Status => Get<string>("Status");
        public string? Regulation => Get<string>("Regulation");
        public string? DownloadUrl => Get<string>("DownloadUrl");
        public DateTimeOffset? CreatedDate => Get<DateTimeOffset?>("CreatedDate");
        public IReadOnlyList<PSObject> ProductResponses => ((System.Collections.IEnumerable)_raw.Properties["ProductResponses"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        public IReadOnlyList<PSObject> UserIds => ((System.Collections.IEnumerable)_raw.Properties["UserIds"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();

        private T? Get<T>(string name) => (T?)_raw.Properties[name].Value;
    }
}
