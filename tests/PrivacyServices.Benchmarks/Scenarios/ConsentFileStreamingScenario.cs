using System.Diagnostics;
using PrivacyServices.Apis;
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

    /// <summary>The floor: the same pages downloaded by a plain HttpClient (bearer token, Link header followed), bodies read and dropped.</summary>
    private static void RawOnly(BenchmarkContext context, int files, string token)
    {
        context.State.LiveRamp.Count = files;
        BenchmarkContext.Settle();
        using var http = new HttpClient();
        var buffer = new byte[16 * 1024];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        long bytes = 0;
        for (var page = context.Root + "/liveramp/privacy/v2/consent-files"; page != null;)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using (var body = response.Content.ReadAsStream())
            {
                for (int n; (n = body.Read(buffer)) > 0;)
                {
                    bytes += n;
                }
            }

            page = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => System.Text.RegularExpressions.Regex.Match(l, "<([^>]+)>;\\s*rel=\"next\"")).FirstOrDefault(m => m.Success)?.Groups[1].Value
                : null;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Report.Add(Scenario, $"raw: the same {files:N0} files' pages downloaded by HttpClient, not parsed",
            $"{Report.Number(files / seconds)} files/s ({Report.Number(bytes / (double)files, "0")} bytes of JSON per file); {Report.Number((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)files / 1024, "0.0")} KB allocated per file");
    }

    /// <summary>The same listing through LiveRampConsentFilesClient without PowerShell: how fast the core and the emulator go alone.</summary>
    private static void CoreOnly(BenchmarkContext context, int files)
    {
        context.State.LiveRamp.Count = files;
        BenchmarkContext.Settle();
        using var pipeline = CorePipelines.LiveRamp(context.Root);
        var client = new LiveRampConsentFilesClient(pipeline);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        long read = 0;
        for (Uri? page = client.FirstPageUri; page != null;)
        {
            var result = client.GetPageAsync(page, CancellationToken.None).GetAwaiter().GetResult();
            read += result.Files.Count;
            page = result.NextPageUri;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Report.Add(Scenario, $"core only: LiveRampConsentFilesClient over {files:N0} files, no PowerShell",
            $"{Report.Number(read / seconds)} files/s; {Report.Number((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)read / 1024, "0.0")} KB allocated per file");
    }

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
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            using (heap = HeapSampler.Start())
            {
                var output = engine.Run(CountFiles);
                files = (long)output[0].BaseObject;
                firstTicks = (long)output[1].BaseObject;
                totalTicks = (long)output[2].BaseObject;
            }

            var allocatedPerFile = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Math.Max(1, files);
            var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
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
            report.Add(Scenario, "peak heap size after a GC, growth (≈ live data)", $"{Report.Megabytes(heap.PeakAfterGcGrowth)} ({heap.Samples:N0} samples)");
            report.Add(Scenario, "allocated per file, collections (gen 0/1/2)",
                $"{Report.Number(allocatedPerFile / 1024, "0.0")} KB (process-wide, emulator included); {collections[0]:N0}/{collections[1]:N0}/{collections[2]:N0}");
            var token = (string)engine.Run("Get-PrivacyToken -AsPlainText")[0].BaseObject;
            RawOnly(context, Math.Min(options.ConsentFiles, 200_000), token);
            CoreOnly(context, Math.Min(options.ConsentFiles, 200_000));
        }
        finally
        {
            catalog.Reset();
        }
    }
}
