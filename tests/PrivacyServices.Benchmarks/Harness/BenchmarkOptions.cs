namespace PrivacyServices.Benchmarks.Harness;

/// <summary>Sizes of the run. The defaults are the figures of docs/performance.md; --quick shrinks them for a smoke run.</summary>
public sealed class BenchmarkOptions
{
    public int SequentialCalls { get; init; } = 2_000;

    /// <summary>The longest the per-call warm-up may take while waiting for the JIT to go quiet.</summary>
    public TimeSpan MaxWarmup { get; init; } = TimeSpan.FromSeconds(90);
    public int ParallelCalls { get; init; } = 10_000;
    public int ParallelRunspaces { get; init; } = 16;
    public TimeSpan ShortTokenLifetime { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan ShortTokenDuration { get; init; } = TimeSpan.FromSeconds(20);
    public int ConsentFiles { get; init; } = 1_000_000;
    public int ConsentFilePageSize { get; init; } = 1_000;
    public int BulkUsers { get; init; } = 100_000;
    public int ImportRounds { get; init; } = 5;

    /// <summary>Scenario names to run (all when empty).</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where to write the Markdown table too (none when null).</summary>
    public string? ReportPath { get; init; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? reportPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--report" when i + 1 < args.Length:
                    reportPath = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick, --only <scenario,…>, --report <file.md>.");
            }
        }

        return quick
            ? new BenchmarkOptions
            {
                SequentialCalls = 500,
                MaxWarmup = TimeSpan.FromSeconds(10),
                ParallelCalls = 2_000,
                ShortTokenDuration = TimeSpan.FromSeconds(6),
                ConsentFiles = 50_000,
                BulkUsers = 10_000,
                ImportRounds = 3,
                Only = only,
                ReportPath = reportPath,
            }
            : new BenchmarkOptions { Only = only, ReportPath = reportPath };
    }
}
