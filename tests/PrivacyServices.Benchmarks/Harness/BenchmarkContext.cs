using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>What every scenario gets: the in-process emulator, the built module, the sizes and the report.</summary>
public sealed class BenchmarkContext
{
    public BenchmarkContext(EmulatorServer emulator, BenchmarkOptions options, Report report)
    {
        Emulator = emulator;
        Options = options;
        Report = report;
    }

    public EmulatorServer Emulator { get; }
    public EmulatorState State => Emulator.State;
    public BenchmarkOptions Options { get; }
    public Report Report { get; }

    /// <summary>The emulator root without a trailing slash, e.g. http://127.0.0.1:51234.</summary>
    public string Root => Emulator.BaseUri.AbsoluteUri.TrimEnd('/');

    public string ModuleManifest => RepoPaths.ModuleManifest;

    public long Count(string key) => State.Counters[key];

    /// <summary>Lets background work of the previous scenario settle, so it does not cost the next one.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(200);
    }
}
