using PrivacyServices.Benchmarks.Harness;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 1. What a Get-ProjectInfo call with a cached token costs over the raw HTTP round trip it makes, and where the
/// difference goes: the core (pipeline, parsing), the PowerShell command invocation, the embedding host's Invoke().
/// The paths take turns in rounds, so a noisy neighbour slows all of them alike rather than one.
/// </summary>
public sealed class PerCallOverheadScenario : IScenario
{
    private const int Rounds = 4;
    private const int Warmup = 200;
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
            using var core = new CorePath(context.Root);
            var cmdlet = new ScriptLoopPath(engine, "Get-ProjectInfo", "Get-ProjectInfo in a script loop (Stopwatch inside the script)");
            var noHttp = new ScriptLoopPath(engine, "Get-PrivacyServiceSession", "Get-PrivacyServiceSession in the same loop (a module cmdlet without HTTP)");
            var invoke = new InvokePerCallPath(engine, "Get-ProjectInfo", "Get-ProjectInfo, one PowerShell.Invoke() per call from C#");
            ICallPath[] paths = { raw, core, cmdlet, noHttp, invoke };

            var samples = paths.ToDictionary(p => p, _ => new Samples());
            var allocated = paths.ToDictionary(p => p, _ => 0L);
            foreach (var path in paths)
            {
                path.Measure(Warmup);
            }

            var perRound = Math.Max(1, context.Options.SequentialCalls / Rounds);
            for (var round = 0; round < Rounds; round++)
            {
                for (var k = 0; k < paths.Length; k++)
                {
                    var path = paths[(k + round) % paths.Length];
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    samples[path].AddRange(path.Measure(perRound));
                    allocated[path] += GC.GetTotalAllocatedBytes(precise: true) - before;
                }
            }

            var rawSamples = samples[raw];
            var calls = perRound * Rounds;
            foreach (var path in paths)
            {
                var s = samples[path];
                var ratio = ReferenceEquals(path, raw) ? string.Empty : $" = {Report.Ratio(s.Median / rawSamples.Median)} raw (p95 {Report.Ratio(s.P95 / rawSamples.P95)})";
                report.Add(Scenario, path.Name, $"median {Report.Micros(s.Median)}, p95 {Report.Micros(s.P95)}{ratio}; {Report.Number(allocated[path] / (double)calls / 1024, "0.0")} KB allocated per call");
            }

            var cmdletRatio = samples[cmdlet].Median / rawSamples.Median;
            report.Check(Scenario, $"Get-ProjectInfo median ÷ raw median ({calls:N0} calls each)", Report.Ratio(cmdletRatio), "≤ 1.5×", cmdletRatio <= 1.5);
            report.Add(Scenario, "Get-ProjectInfo p95 ÷ raw p95", Report.Ratio(samples[cmdlet].P95 / rawSamples.P95));
            var coreShare = samples[core].Median - rawSamples.Median;
            var engineShare = samples[cmdlet].Median - samples[core].Median;
            report.Add(Scenario, "where the median overhead goes",
                $"core (pipeline, JSON, model) {Report.Micros(coreShare)}; PowerShell (binding, pump, output) {Report.Micros(engineShare)}; " +
                $"a module cmdlet without HTTP costs {Report.Micros(samples[noHttp].Median)} in the loop");
            // One token for the module's session, one for the core path's own token cache.
            var tokens = context.Count("telia.token") - tokensBefore;
            report.Check(Scenario, "token requests for all of the above (module session + core path)", Report.Number(tokens), "2", tokens == 2);
            report.Note("Per-call figures include the in-process emulator's own work (both sides share the machine's cores); allocation figures are process-wide, so the raw row is the emulator's and HttpClient's share.");
        }
        finally
        {
            context.State.ResetLifetimes();
        }
    }
}
