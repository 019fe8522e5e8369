using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;
using PrivacyServices.Benchmarks.Harness;
using PrivacyServices.Benchmarks.Scenarios;
using PrivacyServices.Emulator;

namespace PrivacyServices.Benchmarks;

/// <summary>
/// The performance figures of docs/performance.md in one run:
/// <c>dotnet run -c Release --project tests/PrivacyServices.Benchmarks [-- --quick] [-- --only per-call,tokens] [-- --report file.md]</c>.
/// </summary>
public static class Program
{
    /// <summary>Every scenario, in the order of docs/performance.md.</summary>
    private static IReadOnlyList<IScenario> Scenarios { get; } = new IScenario[]
    {
        new PerCallOverheadScenario(),
        new TokenReuseScenario(),
        new ConsentFileStreamingScenario(),
        new BulkPrivacyJobScenario(),
        new ImportCostScenario(),
        new LatencyScenario(),
    };

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 2 && args[0] == ImportCostScenario.ChildArgument)
        {
            return ImportCostScenario.RunChild(args[1]);
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        if (!File.Exists(RepoPaths.ModuleManifest))
        {
            Console.Error.WriteLine($"The built module is missing ({RepoPaths.ModuleManifest}): run through 'dotnet run --project tests/PrivacyServices.Benchmarks', which builds it.");
            return 2;
        }

        var machine = MachineDescription();
        Console.WriteLine(machine);
#if DEBUG
        Console.WriteLine("WARNING: a Debug build (the module is built in the harness's configuration): use -c Release for figures.");
#endif

        var report = new Report();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await using (var emulator = await EmulatorServer.StartAsync())
        {
            var context = new BenchmarkContext(emulator, options, report);
            foreach (var scenario in Scenarios.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name)))
            {
                Console.WriteLine();
                Console.WriteLine($"== {scenario.Title}");
                var started = Stopwatch.StartNew();
                try
                {
                    scenario.Run(context);
                }
                catch (Exception ex)
                {
                    failed++;
                    report.Add(scenario.Title, "the scenario failed", ex.GetType().Name + ": " + ex.Message.Split('\n')[0], verdict: Verdict.Missed);
                    Console.Error.WriteLine(ex);
                }

                Console.WriteLine($"   ({started.Elapsed.TotalSeconds:0.0} s)");
                BenchmarkContext.Settle();
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Results ({clock.Elapsed.TotalSeconds:0} s, load average now {LoadAverage()}):");
        Console.WriteLine();
        var table = report.ToMarkdown();
        Console.WriteLine(table);
        if (options.ReportPath is not null)
        {
            File.WriteAllText(options.ReportPath, machine + "\n\n" + table);
            Console.WriteLine("Written to " + options.ReportPath);
        }

        return failed == 0 ? 0 : 1;
    }

    private static string MachineDescription()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var sma = typeof(PSObject).Assembly;
        var smaVersion = sma.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? sma.GetName().Version?.ToString();
        return string.Join(Environment.NewLine,
            $"Date:        {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}",
            $"Machine:     {Environment.ProcessorCount} logical CPUs, {memory:0.0} GiB memory, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            $".NET:        {RuntimeInformation.FrameworkDescription}; System.Management.Automation {smaVersion?.Split(new[] { "+", " SHA" }, StringSplitOptions.None)[0]}",
            $"Load:        {LoadAverage()} (1, 5, 15 min) at start",
            $"Module:      {RepoPaths.ModuleManifest}");
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
