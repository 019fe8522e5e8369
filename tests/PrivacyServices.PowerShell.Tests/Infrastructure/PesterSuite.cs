using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// Runs tests/Pester/Invoke-PesterSuite.ps1 in a pwsh process against the built module and the emulator built beside
/// these tests, and reads what it reports: Pester's NUnit XML (each test's name and failure message) and its JSON summary
/// (counts, and failures the XML leaves out: a test file that does not load, a failing BeforeAll).
/// </summary>
public sealed class PesterSuite
{
    private PesterSuite(int exitCode, string output, PesterSummary? summary, IReadOnlyList<PesterFailure> failures)
    {
        ExitCode = exitCode;
        Output = output;
        Summary = summary;
        Failures = failures;
    }

    public int ExitCode { get; }

    /// <summary>Everything pwsh wrote (Pester's detailed output), stdout and stderr interleaved.</summary>
    public string Output { get; }

    /// <summary>Null when the run ended before Pester reported (pwsh or the runner failed).</summary>
    public PesterSummary? Summary { get; }

    public IReadOnlyList<PesterFailure> Failures { get; }

    public static string ResultDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults");

    /// <summary>
    /// The emulator dll built in the same configuration as these tests (this project references the emulator project,
    /// so building the tests builds it): src/PrivacyServices.Emulator/bin/&lt;Configuration&gt;/&lt;framework&gt;.
    /// </summary>
    public static string EmulatorDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var framework = output.Name;
            var configuration = output.Parent!.Name;
            return Path.Combine(RepoPaths.Root, "src", "PrivacyServices.Emulator", "bin", configuration, framework, "PrivacyServices.Emulator.dll");
        }
    }

    public static async Task<PesterSuite> RunAsync(string pwsh, TimeSpan timeout)
    {
        Directory.CreateDirectory(ResultDirectory);
        var resultPath = Path.Combine(ResultDirectory, "pester.xml");
        var summaryPath = Path.Combine(ResultDirectory, "pester-summary.json");

        var start = new ProcessStartInfo(pwsh)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoPaths.Root, "tests", "Pester", "Invoke-PesterSuite.ps1"),
                     "-ResultPath", resultPath, "-SummaryPath", summaryPath,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PRIVACYSERVICES_MODULE_PATH"] = RepoPaths.ModuleManifest;
        start.Environment["PRIVACYSERVICES_EMULATOR_DLL"] = EmulatorDll;
        start.Environment["NO_COLOR"] = "1";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")) && DotnetMuxer() is { } dotnet)
        {
            start.Environment["DOTNET_HOST_PATH"] = dotnet;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output) output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.WaitForExit(); // drains the redirected streams
        string text;
        lock (output) text = output.ToString();
        if (timedOut)
        {
            text += $"{Environment.NewLine}The Pester suite did not finish within {timeout} and was stopped.";
            return new PesterSuite(-1, text, null, Array.Empty<PesterFailure>());
        }

        var summary = File.Exists(summaryPath) ? PesterSummary.Read(summaryPath) : null;
        var failures = new List<PesterFailure>();
        if (File.Exists(resultPath))
        {
            failures.AddRange(FailedTestCases(resultPath));
        }

        if (summary is not null)
        {
            failures.AddRange(summary.FailedBlocks.Select(b => new PesterFailure("BeforeAll/AfterAll of " + b.Name, b.Message ?? "(no message)")));
            failures.AddRange(summary.FailedContainers.Select(c => new PesterFailure("test file " + c.Name, c.Message ?? "(no message)")));
        }

        return new PesterSuite(process.ExitCode, text, summary, failures);
    }

    /// <summary>Every test case the NUnit 2.5 report marks as failed, with its full name and failure message.</summary>
    public static IEnumerable<PesterFailure> FailedTestCases(string nunitXmlPath) =>
        XDocument.Load(nunitXmlPath)
            .Descendants("test-case")
            .Where(c => (string?)c.Attribute("result") is "Failure" or "Error")
            .Select(c => new PesterFailure(
                (string?)c.Attribute("name") ?? "(unnamed test)",
                ((string?)c.Element("failure")?.Element("message") ?? "(no message)").Trim()));

    /// <summary>The dotnet that runs these tests, for the emulator the suite starts (when DOTNET_HOST_PATH is not set).</summary>
    private static string? DotnetMuxer()
    {
        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(muxer) ? muxer : null;
    }
}

public sealed record PesterFailure(string Name, string Message);

public sealed record PesterBlockFailure(string Name, string? Message);

/// <summary>The JSON summary Invoke-PesterSuite.ps1 writes.</summary>
public sealed record PesterSummary(
    string PesterVersion,
    string Result,
    int Passed,
    int Failed,
    int Skipped,
    int NotRun,
    IReadOnlyList<PesterBlockFailure> FailedBlocks,
    IReadOnlyList<PesterBlockFailure> FailedContainers)
{
    public static PesterSummary Read(string path) =>
        JsonSerializer.Deserialize<PesterSummary>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
        ?? throw new InvalidDataException($"{path} is empty.");
}
