using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using PrivacyServices.Benchmarks.Harness;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 6. The field's round trips: the emulator answers every request 100 ms late, and each bulk workflow is timed with its
/// requests counted, its peak in flight, and two ratios: wall ÷ its ideal at its concurrency (ceil(requests ÷ limit) ×
/// latency) and wall ÷ the sequential time it replaces (requests × latency).
/// </summary>
public sealed class LatencyScenario : IScenario
{
    private const string Scenario = "6. latency";
    private const int JobThrottleLimit = 4;
    private const int DownloadThrottleLimit = 8;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public string Name => "latency";

    public string Title => "6. At 100 ms per request: New-PrivacyJob, Save-ConsentFile, Wait-PrivacyJob, Get-ConsentFile";

    public void Run(BenchmarkContext context)
    {
        using var engine = new HostedEngine(context.ModuleManifest);
        try
        {
            NewPrivacyJob(context, engine);
            SaveConsentFile(context, engine);
            GetConsentFile(context, engine);
            WaitPrivacyJob(context, engine);
        }
        finally
        {
            context.State.Field.Reset();
            context.State.Adobe.KeepRecords = true;
        }
    }

    private static void NewPrivacyJob(BenchmarkContext context, HostedEngine engine)
    {
        var users = context.Options.BulkUsers;
        var rows = Users(users);
        engine.Run(Scripts.ConnectAdobe, context.Root);
        context.State.Adobe.KeepRecords = false;
        var script = $"$null = $args[0] | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -ThrottleLimit {JobThrottleLimit} -Confirm:$false";

        Timed(context, engine, "adobe.jobs.post", null, script, rows); // warm-up: the first run pays for JIT and connections
        var atZero = Timed(context, engine, "adobe.jobs.post", null, script, rows);
        var atLatency = Timed(context, engine, "adobe.jobs.post", Latency, script, rows);
        var added = atLatency.Wall - atZero.Wall;
        var ideal = Ideal(atLatency.Requests, JobThrottleLimit);
        context.Report.Check(Scenario, $"New-PrivacyJob, {users:N0} users, -ThrottleLimit {JobThrottleLimit}: latency added (wall at 100 ms − wall at 0 ms) ÷ ideal",
            $"{Ratio(added, ideal)} ({Seconds(atLatency.Wall)} − {Seconds(atZero.Wall)} = {Seconds(added)}; ideal {Seconds(ideal)}; {atLatency.Requests} POSTs, peak {atLatency.Peak} in flight; {Ratio(atLatency.Wall, Sequential(atLatency.Requests))} of sequential)",
            "≤ 1.3×", added.TotalSeconds <= 1.3 * ideal.TotalSeconds);
    }

    private static void SaveConsentFile(BenchmarkContext context, HostedEngine engine)
    {
        var count = context.Options.BulkUsers >= 100_000 ? 1_000 : 200;
        context.State.Field.Reset();
        context.State.LiveRamp.Count = count;
        context.State.LiveRamp.PageSize = 1_000;
        engine.Run(Scripts.ConnectLiveRamp, context.Root);
        var files = engine.Run("Get-ConsentFile");
        var folder = Path.Combine(Path.GetTempPath(), "ps-latency-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = Timed(context, engine, "files.download", Latency, $"$null = $args[0] | Save-ConsentFile -Path '{folder}' -Force -ThrottleLimit {DownloadThrottleLimit} -Confirm:$false", files);
            var ideal = Ideal(run.Requests, DownloadThrottleLimit);
            context.Report.Check(Scenario, $"Save-ConsentFile, {count:N0} files, -ThrottleLimit {DownloadThrottleLimit}: wall ÷ ideal",
                $"{Ratio(run.Wall, ideal)} ({Seconds(run.Wall)}; ideal {Seconds(ideal)}; {run.Requests} downloads, peak {run.Peak} in flight; {Ratio(run.Wall, Sequential(run.Requests))} of sequential)",
                "≤ 1.3×", run.Wall.TotalSeconds <= 1.3 * ideal.TotalSeconds);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void GetConsentFile(BenchmarkContext context, HostedEngine engine)
    {
        const int pages = 50;
        context.State.Field.Reset();
        context.State.LiveRamp.Count = pages * 100;
        context.State.LiveRamp.PageSize = 100;
        var run = Timed(context, engine, "liveramp.consentFiles.page", Latency, "$n = 0; Get-ConsentFile | ForEach-Object { $n++ }; $n");
        var sequential = Sequential(run.Requests);
        context.Report.Check(Scenario, $"Get-ConsentFile, {pages} pages of 100: wall ÷ (pages × latency)",
            $"{Ratio(run.Wall, sequential)} ({Seconds(run.Wall)}; {run.Requests} page requests, the next one fetched while the current is written)",
            "≤ 1.1×", run.Wall.TotalSeconds <= 1.1 * sequential.TotalSeconds);
    }

    private static void WaitPrivacyJob(BenchmarkContext context, HostedEngine engine)
    {
        var jobs = context.Options.BulkUsers >= 100_000 ? 10_000 : 2_000;
        context.State.Field.Reset();
        context.State.Adobe.KeepRecords = true;
        context.State.Adobe.Reset();
        engine.Run(Scripts.ConnectAdobe, context.Root);
        var created = engine.Run("$args[0] | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Confirm:$false", Users(jobs));
        var listsBefore = context.Count("adobe.jobs.list");
        var getsBefore = context.Count("adobe.jobs.get");
        context.State.Field.Set(new FieldSettings(Latency, Latency, null));
        var stopwatch = Stopwatch.StartNew();
        var verbose = engine.Run("$args[0] | Wait-PrivacyJob -PollInterval 0.1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message", created);
        stopwatch.Stop();
        context.State.Field.Reset();
        var rounds = verbose.Count(v => v.ToString()!.StartsWith("Listed gdpr jobs", StringComparison.Ordinal));
        var requests = context.Count("adobe.jobs.list") - listsBefore + context.Count("adobe.jobs.get") - getsBefore;
        var perRound = rounds == 0 ? requests : requests / (double)rounds;
        var target = Math.Ceiling(jobs / 1000.0) + 5;
        context.Report.Check(Scenario, $"Wait-PrivacyJob on {jobs:N0} jobs: requests per polling round",
            $"{perRound.ToString("0.#", CultureInfo.InvariantCulture)} ({requests} requests in {rounds} listing rounds, {Seconds(stopwatch.Elapsed)}; one GET per job would be {jobs:N0} per round)",
            $"≤ {target}", perRound <= target);
    }

    private sealed record Measured(TimeSpan Wall, long Requests, long Peak);

    private static Measured Timed(BenchmarkContext context, HostedEngine engine, string counter, TimeSpan? latency, string script, params object?[] args)
    {
        BenchmarkContext.Settle();
        context.State.Field.Reset();
        if (latency.HasValue)
        {
            context.State.Field.Set(new FieldSettings(latency.Value, latency.Value, null));
        }

        var before = context.Count(counter);
        var stopwatch = Stopwatch.StartNew();
        engine.Run(script, args);
        stopwatch.Stop();
        var run = new Measured(stopwatch.Elapsed, context.Count(counter) - before, context.State.Field.PeakInFlight);
        context.State.Field.Reset();
        return run;
    }

    private static List<PSObject> Users(int count)
    {
        var rows = new List<PSObject>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new PSObject();
            var key = "user" + i.ToString(CultureInfo.InvariantCulture);
            row.Properties.Add(new PSNoteProperty("Key", key));
            row.Properties.Add(new PSNoteProperty("Namespace", "email"));
            row.Properties.Add(new PSNoteProperty("Value", key + "@example.com"));
            rows.Add(row);
        }

        return rows;
    }

    private static TimeSpan Ideal(long requests, int limit) => TimeSpan.FromTicks(Latency.Ticks * ((requests + limit - 1) / limit));

    private static TimeSpan Sequential(long requests) => TimeSpan.FromTicks(Latency.Ticks * requests);

    private static string Ratio(TimeSpan value, TimeSpan baseline) =>
        baseline <= TimeSpan.Zero ? "n/a" : (value.TotalSeconds / baseline.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
