using System.Diagnostics;
using PrivacyServices.Benchmarks.Harness;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 3. Get-ConsentFile over a million emulated files piped to ForEach-Object (count only): objects per second, time to the
/// first object, and the managed heap's peak growth sampled from a background thread. The emulator makes each page from
/// the file's index when asked (LiveRampCatalog.Get), so neither side holds the list; the heap figure covers both, since
/// the emulator runs in this process.
/// </summary>
public sealed class ConsentFileStreamingScenario : IScenario
{
    private const string Scenario = "3. streaming";
    private const long HeapTarget = 64L * 1024 * 1024;

    private const string CountFiles = @"
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); $first = -1L; $n = 0L
        Get-ConsentFile | ForEach-Object { if ($n -eq 0) { $first = $sw.ElapsedTicks }; $n++ }
        $n; $first; $sw.ElapsedTicks";

    public string Name => "streaming";

    public string Title => "3. Streaming: Get-ConsentFile | ForEach-Object over the emulated consent files";

    public void Run(BenchmarkContext context)
    {
        var options = context.Options;
        var catalog = context.State.LiveRamp;
        catalog.Count = options.ConsentFiles;
        catalog.PageSize = options.ConsentFilePageSize;
        try
        {
            using var engine = new HostedEngine(context.ModuleManifest);
            engine.Run(Scripts.ConnectLiveRamp, context.Root);
            engine.Run("$null = Get-ConsentFile -First 10");
            var pagesBefore = context.Count("liveramp.consentFiles.page");

            BenchmarkContext.Settle();
            long files, firstTicks, totalTicks;
            HeapSampler heap;
            using (heap = HeapSampler.Start())
            {
                var output = engine.Run(CountFiles);
                files = (long)output[0].BaseObject;
                firstTicks = (long)output[1].BaseObject;
                totalTicks = (long)output[2].BaseObject;
            }

            var pages = context.Count("liveramp.consentFiles.page") - pagesBefore;
            var expectedPages = (options.ConsentFiles + options.ConsentFilePageSize - 1) / options.ConsentFilePageSize;
            var seconds = totalTicks / (double)Stopwatch.Frequency;
            var report = context.Report;
            report.Check(Scenario, $"files counted / pages requested ({options.ConsentFilePageSize:N0} per page)", $"{files:N0} / {pages:N0}",
                $"{options.ConsentFiles:N0} / {expectedPages:N0}", files == options.ConsentFiles && pages == expectedPages);
            report.Add(Scenario, "objects per second", $"{Report.Number(files / seconds)} ({seconds:0.0} s in all)");
            report.Add(Scenario, "time to first object", Report.Micros(Samples.TicksToMicroseconds(firstTicks)));
            report.Check(Scenario, "peak managed-heap growth, GC.GetTotalMemory (live + uncollected garbage)", Report.Megabytes(heap.PeakTotalGrowth),
                "< 64 MB", heap.PeakTotalGrowth < HeapTarget);
            report.Add(Scenario, "peak heap size after a GC, growth (≈ live data)", $"{Report.Megabytes(heap.PeakAfterGcGrowth)}; {heap.Gen2Collections} gen-2 collections, {heap.Samples:N0} samples");
        }
        finally
        {
            catalog.Reset();
        }
    }
}
