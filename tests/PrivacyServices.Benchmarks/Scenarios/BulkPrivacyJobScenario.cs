using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using PrivacyServices.Benchmarks.Harness;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 4. Users piped into New-PrivacyJob (Adobe): requests counted at the emulator (at most 1,000 users each, the API's limit)
/// and users per second. Skipped, with a line saying so, where the module has no New-PrivacyJob yet.
/// </summary>
public sealed class BulkPrivacyJobScenario : IScenario
{
    private const string Scenario = "4. bulk jobs";
    private const int UsersPerRequest = 1_000;

    private const string Submit = @"
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); $jobs = 0L; $first = -1L
        $args[0] | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Confirm:$false | ForEach-Object { if ($jobs -eq 0) { $first = $sw.ElapsedTicks }; $jobs++ }
        $jobs; $sw.ElapsedTicks; $first";

    // Users made one at a time by the pipeline (nothing holds the input), in Key order, and sent with -SortedByKey as requests fill.
    private const string SubmitStreaming = @"
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); $jobs = 0L; $first = -1L
        0..($args[0] - 1) | ForEach-Object { $key = 'user{0:D7}' -f $_; [pscustomobject]@{ Key = $key; Namespace = 'email'; Value = ""$key@example.com""; Type = 'standard' } } |
            New-PrivacyJob -Regulation ccpa -Action access -Product Analytics -SortedByKey -Confirm:$false | ForEach-Object { if ($jobs -eq 0) { $first = $sw.ElapsedTicks }; $jobs++ }
        $jobs; $sw.ElapsedTicks; $first";

    public string Name => "bulk-jobs";

    public string Title => "4. Bulk jobs: users piped into New-PrivacyJob";

    public void Run(BenchmarkContext context)
    {
        using var engine = new HostedEngine(context.ModuleManifest);
        if (engine.Run("Get-Command New-PrivacyJob -ErrorAction SilentlyContinue").Count == 0)
        {
            context.Report.Add(Scenario, $"{context.Options.BulkUsers:N0} users | New-PrivacyJob", "skipped: New-PrivacyJob not present in this build of the module",
                $"exactly {context.Options.BulkUsers / UsersPerRequest} requests", Verdict.Skipped);
            return;
        }

        var users = context.Options.BulkUsers;
        var rows = new List<PSObject>(users);
        for (var i = 0; i < users; i++)
        {
            var row = new PSObject();
            var key = "user" + i.ToString(CultureInfo.InvariantCulture);
            row.Properties.Add(new PSNoteProperty("Key", key));
            row.Properties.Add(new PSNoteProperty("Namespace", "email"));
            row.Properties.Add(new PSNoteProperty("Value", key + "@example.com"));
            row.Properties.Add(new PSNoteProperty("Type", "standard"));
            rows.Add(row);
        }

        engine.Run(Scripts.ConnectAdobe, context.Root);
        var expected = (users + UsersPerRequest - 1) / UsersPerRequest;

        // The emulator answers as usual but keeps no job records, so the heap figures are the client's (module, PowerShell,
        // HttpClient) plus the emulator's work on the request in flight, not a store that grows with every job created.
        context.State.Adobe.KeepRecords = false;
        try
        {
            var run = Submission.Measure(context, engine, Submit, rows);
            context.Report.Check(Scenario, $"{users:N0} users | New-PrivacyJob: job POSTs at the emulator", Report.Number(run.Posts), $"exactly {expected}", run.Posts == expected);
            context.Report.Check(Scenario, "jobs written to the pipeline", Report.Number(run.Jobs), Report.Number(users), run.Jobs == users);
            context.Report.Add(Scenario, "users per second; time to the first job on the pipeline", run.Throughput(users));
            var live = LiveGrowth(context, engine, Submit, rows);
            context.Report.Add(Scenario, "live heap growth, peak (a second run, full collections every 150 ms; the emulator keeps no records)",
                $"{Report.Megabytes(live)}, {Report.Number(live / (double)users, "0")} bytes per user: every user is held until the input ends, to merge rows by Key");

            // -SortedByKey: requests leave as they fill, so the module's memory does not grow with the number of users.
            var streamed = Submission.Measure(context, engine, SubmitStreaming, users);
            context.Report.Check(Scenario, $"-SortedByKey, {users:N0} users generated in the pipeline: job POSTs", Report.Number(streamed.Posts), $"exactly {expected}", streamed.Posts == expected);
            context.Report.Add(Scenario, "-SortedByKey: users per second; time to the first job on the pipeline", streamed.Throughput(users));
            var more = users * 3;
            var streamedLive = LiveGrowth(context, engine, SubmitStreaming, users);
            var streamedMoreLive = LiveGrowth(context, engine, SubmitStreaming, more);
            var peak = Math.Max(streamedLive, streamedMoreLive);
            context.Report.Check(Scenario, $"-SortedByKey: live heap growth, peak (full collections every 150 ms), for {users:N0}; for {more:N0} users",
                $"{Report.Megabytes(streamedLive)}; {Report.Megabytes(streamedMoreLive)}", "< 64 MB, not growing with users", peak < 64L * 1024 * 1024);
        }
        finally
        {
            context.State.Adobe.KeepRecords = true;
        }
    }

    /// <summary>A run for memory only: the exact live heap's peak growth, in bytes (its time is not reported).</summary>
    private static long LiveGrowth(BenchmarkContext context, HostedEngine engine, string script, object input)
    {
        BenchmarkContext.Settle();
        using var live = LiveHeapSampler.Start();
        engine.Run(script, input);
        return live.PeakGrowth;
    }

    /// <summary>One timed New-PrivacyJob run: jobs, POSTs and time counted.</summary>
    private sealed record Submission(long Jobs, long Posts, long Ticks, long FirstTicks)
    {
        public static Submission Measure(BenchmarkContext context, HostedEngine engine, string script, object input)
        {
            var postsBefore = context.Count("adobe.jobs.post");
            BenchmarkContext.Settle();
            var output = engine.Run(script, input);
            return new Submission((long)output[0].BaseObject, context.Count("adobe.jobs.post") - postsBefore, (long)output[1].BaseObject, (long)output[2].BaseObject);
        }

        public string Throughput(int users)
        {
            var seconds = Ticks / (double)Stopwatch.Frequency;
            return $"{Report.Number(users / seconds)} ({seconds:0.0} s); {Report.Micros(Samples.TicksToMicroseconds(FirstTicks))}";
        }
    }
}
