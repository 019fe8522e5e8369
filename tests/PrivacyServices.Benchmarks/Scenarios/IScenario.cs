using PrivacyServices.Benchmarks.Harness;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>One measured scenario of docs/performance.md. Adding one is a new class listed in Program.Scenarios.</summary>
public interface IScenario
{
    /// <summary>Short name for --only and the report (e.g. "per-call").</summary>
    string Name { get; }

    /// <summary>What the scenario measures, printed before it runs.</summary>
    string Title { get; }

    void Run(BenchmarkContext context);
}
