using System.Diagnostics;
using PrivacyServices.Benchmarks.Harness;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 2. Token requests counted at the emulator while 16 runspaces share one session (ForEach-Object -Parallel, as users do):
/// with a 1-hour token, one request for any number of calls; with 2-second tokens, at most one per usable lifetime
/// (lifetime − margin, the margin capped at half the lifetime) plus the first.
/// </summary>
public sealed class TokenReuseScenario : IScenario
{
    private const string Scenario = "2. token requests";

    /// <summary>$args: session, module, calls per runspace, runspaces, deadline (UTC; MaxValue: none). Outputs per runspace: calls, start, end (Stopwatch timestamps).</summary>
    private const string ParallelCalls = @"
        $s = $args[0]; $module = $args[1]; $per = $args[2]; $runspaces = $args[3]; $deadline = $args[4]
        1..$runspaces | ForEach-Object -Parallel {
            Import-Module $using:module
            $session = $using:s; $limit = $using:per; $until = $using:deadline
            $n = 0
            $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
            while ($n -lt $limit -and [DateTime]::UtcNow -lt $until) { $null = Get-ProjectInfo -Session $session; $n++ }
            ,@($n, $start, [System.Diagnostics.Stopwatch]::GetTimestamp())
        } -ThrottleLimit $runspaces";

    /// <summary>The floor for <see cref="ParallelCalls"/>: the same loop with a plain HttpClient GET ($args: raw path, calls per runspace, runspaces).</summary>
    private const string ParallelRawCalls = @"
        $raw = $args[0]; $per = $args[1]; $runspaces = $args[2]
        1..$runspaces | ForEach-Object -Parallel {
            $client = $using:raw; $limit = $using:per
            $n = 0
            $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
            while ($n -lt $limit -and [DateTime]::UtcNow -lt [DateTime]::MaxValue) { $null = $client.Get(); $n++ }
            ,@($n, $start, [System.Diagnostics.Stopwatch]::GetTimestamp())
        } -ThrottleLimit $runspaces";

    public string Name => "tokens";

    public string Title => "2. Token requests: 16 parallel runspaces sharing one session, 1-hour and 2-second tokens";

    public void Run(BenchmarkContext context)
    {
        LongLivedToken(context);
        BenchmarkContext.Settle();
        ShortLivedTokens(context);
    }

    private static void LongLivedToken(BenchmarkContext context)
    {
        var options = context.Options;
        var perRunspace = options.ParallelCalls / options.ParallelRunspaces;
        var calls = perRunspace * options.ParallelRunspaces;
        context.State.SetLifetime("telia", TimeSpan.FromHours(1));
        try
        {
            using var engine = new HostedEngine(context.ModuleManifest);
            var tokensBefore = context.Count("telia.token");
            var apiBefore = context.Count("telia.projectInfo");
            var session = engine.Run(Scripts.ConnectTelia, context.Root)[0];
            var results = engine.Run(ParallelCalls, session, context.ModuleManifest, perRunspace, options.ParallelRunspaces, DateTime.MaxValue);

            var (made, seconds) = Summarize(results);
            var tokens = context.Count("telia.token") - tokensBefore;
            var served = context.Count("telia.projectInfo") - apiBefore;
            context.Report.Check(Scenario, $"{calls:N0} calls from {options.ParallelRunspaces} runspaces, 1-hour token: token requests (Connect included)",
                Report.Number(tokens), "exactly 1", tokens == 1);
            context.Report.Check(Scenario, "projectInfo calls served by the emulator", Report.Number(served), Report.Number(calls), served == calls && made == calls);
            var token = (string)engine.Run("Get-PrivacyToken -AsPlainText")[0].BaseObject;
            var rawRate = RawParallelRate(context, token, calls, options.ParallelRunspaces);
            var url = new Uri(context.Root + "/telia/api/" + PrivacyServices.Emulator.Infrastructure.TestCredentials.TeliaProjectId + "/configurations/projectInfo");
            using var raw = new RawHttpPath(url, token);
            var (rawMade, rawSeconds) = Summarize(engine.Run(ParallelRawCalls, raw, perRunspace, options.ParallelRunspaces));
            var moduleRate = made / seconds;
            var rawRunspaceRate = rawMade / rawSeconds;
            context.Report.Add(Scenario, $"throughput with {options.ParallelRunspaces} callers: Get-ProjectInfo from runspaces; raw GET ($raw.Get()) from the same kind of runspaces; raw GET from C# threads",
                $"{Report.Number(moduleRate)} calls/s; {Report.Number(rawRunspaceRate)} calls/s; {Report.Number(rawRate)} calls/s " +
                $"(a module call costs {Report.Ratio(rawRunspaceRate / moduleRate)} a raw GET made from a runspace, {Report.Ratio(rawRate / moduleRate)} one made from C#, under load)");
        }
        finally
        {
            context.State.ResetLifetimes();
        }
    }

    private static void ShortLivedTokens(BenchmarkContext context)
    {
        var options = context.Options;
        var lifetime = options.ShortTokenLifetime;
        var duration = options.ShortTokenDuration;
        context.State.SetLifetime("telia", lifetime);
        try
        {
            using var engine = new HostedEngine(context.ModuleManifest);
            var tokensBefore = context.Count("telia.token");
            var session = engine.Run(Scripts.ConnectTelia, context.Root)[0];
            var deadline = DateTime.UtcNow + duration;
            var results = engine.Run(ParallelCalls, session, context.ModuleManifest, int.MaxValue, options.ParallelRunspaces, deadline);

            var (made, _) = Summarize(results);
            var tokens = context.Count("telia.token") - tokensBefore;
            // The default 60-second margin is capped at half the lifetime, so each token serves lifetime / 2.
            var usable = lifetime.TotalSeconds - Math.Min(60, lifetime.TotalSeconds / 2);
            var bound = (long)Math.Floor(duration.TotalSeconds / usable) + 1;
            context.Report.Check(Scenario,
                $"{lifetime.TotalSeconds:0}-second tokens, {duration.TotalSeconds:0} s of calls from {options.ParallelRunspaces} runspaces ({made:N0} calls): token requests",
                Report.Number(tokens), $"≤ {duration.TotalSeconds:0}/({lifetime.TotalSeconds:0} − {lifetime.TotalSeconds - usable:0.#}) + 1 = {bound}", tokens <= bound);
        }
        finally
        {
            context.State.ResetLifetimes();
        }
    }

    /// <summary>The same number of GETs with the same token from plain HttpClient calls on as many threads: calls per second.</summary>
    private static double RawParallelRate(BenchmarkContext context, string token, int calls, int threads)
    {
        var url = new Uri(context.Root + "/telia/api/" + PrivacyServices.Emulator.Infrastructure.TestCredentials.TeliaProjectId + "/configurations/projectInfo");
        using var raw = new RawHttpPath(url, token);
        raw.Measure(200);
        var perThread = calls / threads;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() => raw.Measure(perThread))).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return perThread * threads / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static (long Calls, double Seconds) Summarize(IEnumerable<System.Management.Automation.PSObject> results)
    {
        long calls = 0;
        var start = long.MaxValue;
        var end = long.MinValue;
        foreach (var result in results)
        {
            var values = ((object[])result.BaseObject).Select(v => Convert.ToInt64(v is System.Management.Automation.PSObject p ? p.BaseObject : v)).ToArray();
            calls += values[0];
            start = Math.Min(start, values[1]);
            end = Math.Max(end, values[2]);
        }

        return (calls, (end - start) / (double)Stopwatch.Frequency);
    }
}
