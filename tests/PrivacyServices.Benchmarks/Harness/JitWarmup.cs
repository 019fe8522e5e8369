using System.Diagnostics;
using System.Runtime;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>
/// Warms call paths up until the JIT has finished with them. Tiered compilation keeps recompiling hot methods (tier 0,
/// instrumented, tier 1) in the background for many seconds; on 2 cores that background JIT takes a core from the calls
/// being timed and doubles or triples their medians. So the paths run in rounds until a whole round compiles almost
/// nothing (each script loop compiles one method per round by itself), or until the time limit.
/// </summary>
public static class JitWarmup
{
    /// <summary>Methods compiled per path in one round that still count as quiet (the script loop's own one, and a few stragglers).</summary>
    private const int QuietMethodsPerPath = 3;

    /// <summary>How many quiet rounds in a row end the warm-up.</summary>
    private const int QuietRoundsNeeded = 2;

    public sealed record Result(int Rounds, TimeSpan Elapsed, long LastRoundMethods, bool Quiet);

    public static Result Run(IReadOnlyList<ICallPath> paths, int callsPerRound, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        var quietRounds = 0;
        long compiled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var path in paths)
            {
                path.Measure(callsPerRound);
            }

            rounds++;
            compiled = JitInfo.GetCompiledMethodCount() - before;
            quietRounds = compiled <= QuietMethodsPerPath * paths.Count ? quietRounds + 1 : 0;
        }
        while (quietRounds < QuietRoundsNeeded && clock.Elapsed < limit);

        return new Result(rounds, clock.Elapsed, compiled, quietRounds >= QuietRoundsNeeded);
    }
}
