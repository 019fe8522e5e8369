using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PrivacyServices.Benchmarks.Harness;

namespace PrivacyServices.Benchmarks.Scenarios;

/// <summary>
/// 5. Import-Module of the built module against an empty binary module (one trivial cmdlet, built like ours), each
/// imported in a fresh process (this harness re-launched with --import-child), alternately, several times; medians.
/// Also lists the assemblies the import loads (AppDomain before/after): MSAL must not be among them.
/// </summary>
public sealed class ImportCostScenario : IScenario
{
    public const string ChildArgument = "--import-child";
    private const string Scenario = "5. import";
    private const string TimePrefix = "import-ms=";
    private const string AssembliesPrefix = "assemblies=";

    public string Name => "import";

    public string Title => "5. Import cost: Import-Module in a fresh process, the module vs an empty binary module";

    public void Run(BenchmarkContext context)
    {
        var emptyFolder = Path.Combine(Path.GetTempPath(), "privacyservices-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "EmptyModule");
        Directory.CreateDirectory(emptyFolder);
        try
        {
            File.Copy(RepoPaths.EmptyModuleAssembly, Path.Combine(emptyFolder, "EmptyModule.dll"), overwrite: true);
            var emptyManifest = Path.Combine(emptyFolder, "EmptyModule.psd1");
            File.WriteAllText(emptyManifest, "@{ RootModule = 'EmptyModule.dll'; ModuleVersion = '1.0.0'; GUID = '0b9c3f52-7b8e-4c1a-9d5e-3a1f2e4d6c70'; CmdletsToExport = @('Get-EmptyValue'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }");

            var empty = new Samples();
            var module = new Samples();
            IReadOnlyList<string> loaded = Array.Empty<string>();
            IReadOnlyList<string> loadedByEmpty = Array.Empty<string>();
            for (var round = 0; round < context.Options.ImportRounds; round++)
            {
                var (emptyMs, emptyAssemblies) = ImportInChild(emptyManifest);
                empty.Add(emptyMs);
                loadedByEmpty = emptyAssemblies;
                var (ms, assemblies) = ImportInChild(context.ModuleManifest);
                module.Add(ms);
                loaded = assemblies;
            }

            var report = context.Report;
            var ratio = module.Median / empty.Median;
            report.Add(Scenario, $"Import-Module, fresh process each, median of {module.Count}", $"module {module.Median:0} ms, empty binary module {empty.Median:0} ms (+{module.Median - empty.Median:0} ms)");
            report.Check(Scenario, "module import ÷ empty-module import", Report.Ratio(ratio), "≤ 2×", ratio <= 2.0);
            var ours = loaded.Except(loadedByEmpty).ToList();
            report.Add(Scenario, "assemblies the module's import loads beyond the empty module's", ours.Count == 0 ? "(none)" : string.Join(", ", ours));
            report.Add(Scenario, "assemblies any first binary-module import loads (the empty module's)", loadedByEmpty.Count == 0 ? "(none)" : string.Join(", ", loadedByEmpty));
            var msal = loaded.Where(a => a.StartsWith("Microsoft.Identity", StringComparison.OrdinalIgnoreCase)).ToList();
            report.Check(Scenario, "MSAL (Microsoft.Identity.*) loaded by the import", msal.Count == 0 ? "no" : string.Join(", ", msal), "no", msal.Count == 0);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(emptyFolder)!, recursive: true);
        }
    }

    private static (double Milliseconds, IReadOnlyList<string> Assemblies) ImportInChild(string manifest)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ImportCostScenario).Assembly.Location);
        }

        start.ArgumentList.Add(ChildArgument);
        start.ArgumentList.Add(manifest);
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            child.Kill();
            throw new TimeoutException("The import child did not finish within 2 minutes.");
        }

        var lines = stdout.Result.Split('\n', StringSplitOptions.TrimEntries);
        var time = lines.FirstOrDefault(l => l.StartsWith(TimePrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || time is null)
        {
            throw new InvalidOperationException($"The import child failed ({child.ExitCode}): {stdout.Result}\n{stderr.Result}");
        }

        var assemblies = lines.FirstOrDefault(l => l.StartsWith(AssembliesPrefix, StringComparison.Ordinal))?[AssembliesPrefix.Length..] ?? string.Empty;
        return (double.Parse(time[TimePrefix.Length..], CultureInfo.InvariantCulture),
                assemblies.Split(';', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The child: open a runspace, then time one Import-Module and list the assemblies it added.</summary>
    public static int RunChild(string manifest)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var powerShell = PowerShell.Create(runspace);
        powerShell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");

        var before = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        powerShell.Invoke();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var added = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty).Where(n => !before.Contains(n)).Distinct().OrderBy(n => n, StringComparer.Ordinal);

        if (powerShell.HadErrors)
        {
            Console.Error.WriteLine(string.Join("\n", powerShell.Streams.Error));
            return 1;
        }

        Console.WriteLine(TimePrefix + elapsed.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        Console.WriteLine(AssembliesPrefix + string.Join(";", added));
        return 0;
    }
}
