using PrivacyServices.Benchmarks.Harness;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 1. What a Get-ProjectInfo call with a cached token costs over the raw HTTP round trip it makes, and where the
/// difference goes: the core (pipeline, parsing), the PowerShell command invocation, the embedding host's Invoke().
/// The raw GET is measured twice: back to back from C#, and from the same script loop as the cmdlet (one .NET method call
/// per iteration), because the time between two requests changes the round trip itself: the longer the gap, the likelier
/// the client's and the emulator's thread-pool threads have stopped spinning and must be woken, which on a busy machine
/// costs tens of microseconds. The paths take turns in rounds, so a noisy neighbour slows all of them alike.
/// </summary>
public sealed class PerCallOverheadScenario : IScenario
{
    private const int Rounds = 8;
    private const int WarmupRoundCalls = 250;
    private const string Scenario = "1. per-call overhead";

    public string Name => "per-call";

    public string Title => "1. Per-call overhead: sequential Get-ProjectInfo with a cached token vs a raw HttpClient GET";

    public void Run(BenchmarkContext context)
    {
        var report = context.Report;
        context.State.SetLifetime("telia", TimeSpan.FromHours(1));
        try
        {
            using var engine = new HostedEngine(context.ModuleManifest);
            var tokensBefore = context.Count("telia.token");
            engine.Run(Scripts.ConnectTelia, context.Root);
            var token = (string)engine.Run("Get-PrivacyToken -AsPlainText")[0].BaseObject;
            var url = new Uri(context.Root + "/telia/api/" + TestCredentials.TeliaProjectId + "/configurations/projectInfo");

            using var raw = new RawHttpPath(url, token);
            using var rawFromScript = new RawHttpPath(url, token);
            using var core = new CorePath(context.Root);
            var rawLoop = new ScriptLoopPath(engine, "$x.Get()", "raw HttpClient GET from the script loop ($raw.Get(), one method call per iteration)", rawFromScript);
            using var rawAfterGap = new RawHttpPath(url, token);
            var rawGap = new ScriptLoopPath(engine, "$x.Get()", "raw GET from the script loop, each after an untimed Get-PrivacyServiceSession (the gap a cmdlet call leaves)", rawAfterGap, "Get-PrivacyServiceSession");
            var cmdlet = new ScriptLoopPath(engine, "Get-ProjectInfo", "Get-ProjectInfo in the script loop (Stopwatch inside the script)");
            var noHttp = new ScriptLoopPath(engine, "Get-PrivacyServiceSession", "Get-PrivacyServiceSession in the script loop (a module cmdlet without HTTP)");
            var invoke = new InvokePerCallPath(engine, "Get-ProjectInfo", "Get-ProjectInfo, one PowerShell.Invoke() per call from C#");
            // The floor measured directly: the cheapest module cmdlet and the raw GET, timed together in each iteration,
            // so the raw GET pays the same gap as the cmdlet's own request does.
            using var rawWithCmdlet = new RawHttpPath(url, token);
            var floorPath = new ScriptLoopPath(engine, "Get-PrivacyServiceSession; $null = $x.Get()", "Get-PrivacyServiceSession and the raw GET, timed together in each iteration (the floor of any cmdlet making this GET)", rawWithCmdlet);
            using var coreForScript = new CorePath(context.Root);
            var coreFromScript = new ScriptLoopPath(engine, "$x.GetProjectInfo()", "core: the same TeliaProjectsClient call from the script loop (one .NET method call per iteration)", coreForScript);
            ICallPath[] paths = { raw, rawLoop, rawGap, floorPath, core, coreFromScript, cmdlet, noHttp, invoke };

            var samples = paths.ToDictionary(p => p, _ => new Samples());
            var allocated = paths.ToDictionary(p => p, _ => 0L);
            var processorTime = paths.ToDictionary(p => p, _ => TimeSpan.Zero);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var exceptions = paths.ToDictionary(p => p, _ => 0L);

            var warmup = JitWarmup.Run(paths, WarmupRoundCalls, context.Options.MaxWarmup);
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();

            var perRound = Math.Max(1, context.Options.SequentialCalls / Rounds);
            using (var counter = new FirstChanceExceptionCounter())
            {
                for (var round = 0; round < Rounds; round++)
                {
                    for (var k = 0; k < paths.Length; k++)
                    {
                        var path = paths[(k + round) % paths.Length];
                        var before = GC.GetTotalAllocatedBytes(precise: true);
                        var thrownBefore = counter.Count;
                        process.Refresh();
                        var cpuBefore = process.TotalProcessorTime;
                        samples[path].AddRange(path.Measure(perRound));
                        process.Refresh();
                        processorTime[path] += process.TotalProcessorTime - cpuBefore;
                        allocated[path] += GC.GetTotalAllocatedBytes(precise: true) - before;
                        exceptions[path] += counter.Count - thrownBefore;
                    }
                }
            }

            var calls = perRound * Rounds;
            foreach (var path in paths)
            {
                var s = samples[path];
                var ratio = ReferenceEquals(path, raw) ? string.Empty : $" = {Report.Ratio(s.Median / samples[raw].Median)} C#-loop raw";
                report.Add(Scenario, path.Name,
                    $"median {Report.Micros(s.Median)}, p95 {Report.Micros(s.P95)}{ratio}; CPU {Report.Micros(processorTime[path].TotalMicroseconds / calls)}, {Report.Number(allocated[path] / (double)calls / 1024, "0.0")} KB allocated, " +
                    $"{Report.Number(exceptions[path] / (double)calls, "0.##")} exceptions thrown per call");
            }

            var sameLoop = samples[cmdlet].Median / samples[rawLoop].Median;
            var backToBack = samples[cmdlet].Median / samples[raw].Median;
            report.Check(Scenario, $"Get-ProjectInfo median ÷ raw GET median, both from the script loop ({calls:N0} calls each)", Report.Ratio(sameLoop), "≤ 1.5×", sameLoop <= 1.5);
            report.Check(Scenario, "Get-ProjectInfo median ÷ raw GET median from C#, back to back", Report.Ratio(backToBack), "≤ 1.5×", backToBack <= 1.5);
            // No binary cmdlet can beat its own invocation plus the round trip it makes after such a gap: the module's share is what is left.
            var floor = samples[rawGap].Median + samples[noHttp].Median;
            report.Add(Scenario, "Get-ProjectInfo median ÷ (raw GET after a cmdlet-sized gap + invoking a cmdlet without HTTP), the floor of any cmdlet making this GET",
                $"{Report.Ratio(samples[cmdlet].Median / floor)} ({Report.Micros(samples[cmdlet].Median)} ÷ {Report.Micros(floor)})");
            report.Add(Scenario, "Get-ProjectInfo ÷ (Get-PrivacyServiceSession and the raw GET timed together): median; p95; CPU per call",
                $"{Report.Ratio(samples[cmdlet].Median / samples[floorPath].Median)}; {Report.Ratio(samples[cmdlet].P95 / samples[floorPath].P95)}; " +
                $"{Report.Ratio(processorTime[cmdlet].TotalMicroseconds / processorTime[floorPath].TotalMicroseconds)}");
            var p95SameLoop = samples[cmdlet].P95 / samples[rawLoop].P95;
            report.Check(Scenario, "Get-ProjectInfo p95 ÷ raw GET p95, both from the script loop", Report.Ratio(p95SameLoop), "≤ 1.5×", p95SameLoop <= 1.5);
            report.Add(Scenario, "Get-ProjectInfo p95 ÷ raw GET p95 from C#, back to back", Report.Ratio(samples[cmdlet].P95 / samples[raw].P95));
            report.Add(Scenario, "where the median goes (differences of medians)",
                $"core over raw (pipeline, JSON, model) {Report.Micros(samples[core].Median - samples[raw].Median)} back to back, {Report.Micros(samples[coreFromScript].Median - samples[rawLoop].Median)} from the script loop; " +
                $"cmdlet over core {Report.Micros(samples[cmdlet].Median - samples[core].Median)}, of which invoking a module cmdlet is {Report.Micros(samples[noHttp].Median)}; " +
                $"raw from the script loop over raw back to back {Report.Micros(samples[rawLoop].Median - samples[raw].Median)}; " +
                $"a ~{Report.Micros(samples[noHttp].Median)} gap before each raw GET adds {Report.Micros(samples[rawGap].Median - samples[rawLoop].Median)} to it");
            report.Add(Scenario, "warm-up before measuring (every path, in rounds, until the JIT is quiet); methods compiled while measuring",
                $"{warmup.Rounds} rounds of {WarmupRoundCalls} calls per path in {warmup.Elapsed.TotalSeconds:0} s, last round {warmup.LastRoundMethods} methods compiled{(warmup.Quiet ? string.Empty : " (not quiet: time limit)")}; " +
                $"{Report.Number(System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore)} while measuring");
            // One token for the module's session, one for each core path's own token cache.
            var tokens = context.Count("telia.token") - tokensBefore;
            report.Check(Scenario, "token requests for all of the above (module session + two core paths)", Report.Number(tokens), "3", tokens == 3);
            report.Note("Per-call times include the in-process emulator's work (client and server share the cores); allocations are process-wide, so the raw rows are the emulator's and HttpClient's share.");
        }
        finally
        {
            context.State.ResetLifetimes();
        }
    }
}
