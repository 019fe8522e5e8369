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

    // The same users made one at a time by the pipeline (nothing holds the input) and sent with -SortedByKey as requests fill.
    private const string SubmitStreaming = @"
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); $jobs = 0L; $first = -1L
        0..($args[0] - 1) | ForEach-Object { [pscustomobject]@{ Key = ""user$_""; Namespace = 'email'; Value = ""user$_@example.com""; Type = 'standard' } } |
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
        var postsBefore = context.Count("adobe.jobs.post");
        BenchmarkContext.Settle();
        long jobs, ticks, firstTicks;
        HeapSampler heap;
        using (heap = HeapSampler.Start())
        {
            var output = engine.Run(Submit, rows);
            jobs = (long)output[0].BaseObject;
            ticks = (long)output[1].BaseObject;
            firstTicks = (long)output[2].BaseObject;
        }

        // What is still held once the command is done is the emulator's job store, not the module's.
        BenchmarkContext.Settle();
        var retained = GC.GetTotalMemory(false) - heap.BaselineTotal;

        var posts = context.Count("adobe.jobs.post") - postsBefore;
        var expected = (users + UsersPerRequest - 1) / UsersPerRequest;
        var seconds = ticks / (double)Stopwatch.Frequency;
        context.Report.Check(Scenario, $"{users:N0} users | New-PrivacyJob: job POSTs at the emulator", Report.Number(posts), $"exactly {expected}", posts == expected);
        context.Report.Check(Scenario, "jobs written to the pipeline", Report.Number(jobs), Report.Number(users), jobs == users);
        context.Report.Add(Scenario, "users per second; time to the first job on the pipeline", $"{Report.Number(users / seconds)} ({seconds:0.0} s); {Report.Micros(Samples.TicksToMicroseconds(firstTicks))}");
        context.Report.Add(Scenario, "heap growth: peak (GetTotalMemory); peak after a GC (≈ live); still held after the command (the emulator's job store)",
            $"{Report.Megabytes(heap.PeakTotalGrowth)}; {Report.Megabytes(heap.PeakAfterGcGrowth)}; {Report.Megabytes(retained)}");

        RunStreaming(context, engine, users, expected);
    }

    /// <summary>-SortedByKey: requests leave as they fill, so the module's memory does not grow with the number of users.</summary>
    private static void RunStreaming(BenchmarkContext context, HostedEngine engine, int users, int expected)
    {
        var postsBefore = context.Count("adobe.jobs.post");
        BenchmarkContext.Settle();
        long jobs, ticks, firstTicks;
        HeapSampler heap;
        using (heap = HeapSampler.Start())
        {
            var output = engine.Run(SubmitStreaming, users);
            jobs = (long)output[0].BaseObject;
            ticks = (long)output[1].BaseObject;
            firstTicks = (long)output[2].BaseObject;
        }

        BenchmarkContext.Settle();
        var retained = GC.GetTotalMemory(false) - heap.BaselineTotal;
        var posts = context.Count("adobe.jobs.post") - postsBefore;
        var seconds = ticks / (double)Stopwatch.Frequency;
        context.Report.Check(Scenario, $"-SortedByKey, {users:N0} users generated in the pipeline: job POSTs", Report.Number(posts), $"exactly {expected}", posts == expected);
        context.Report.Add(Scenario, "-SortedByKey: users per second; time to the first job on the pipeline", $"{Report.Number(users / seconds)} ({seconds:0.0} s); {Report.Micros(Samples.TicksToMicroseconds(firstTicks))}");
        var moduleShare = heap.PeakAfterGcGrowth - retained;
        context.Report.Check(Scenario, "-SortedByKey: peak live heap growth minus what the emulator's job store still holds (≈ the module's share)",
            $"{Report.Megabytes(moduleShare)} (peak live {Report.Megabytes(heap.PeakAfterGcGrowth)}, emulator {Report.Megabytes(retained)})", "< 64 MB", moduleShare < 64L * 1024 * 1024);
    }
}
