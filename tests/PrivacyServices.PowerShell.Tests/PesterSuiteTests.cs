using System.Globalization;
using System.Text;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The Pester suite (tests/Pester/*.Tests.ps1): the module as users run it, in real pwsh with Pester 5, as part of dotnet test.
/// Pester's counts go to TestResults/pester-summary.txt at the repository root ("passed failed skipped"), which .ci/run adds
/// to its closing line; its full output to TestResults/pester-output.txt.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);
    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output) => _output = output;

    [PwshFact]
    public async Task Pester_suite_passes_in_pwsh()
    {
        var (pwsh, reason) = Pwsh.Locate();
        Assert.True(pwsh is not null, "The Pester suite needs pwsh: " + reason);
        Assert.True(File.Exists(RepoPaths.ModuleManifest), $"The module is not built at {RepoPaths.ModuleManifest}.");
        Assert.True(File.Exists(PesterSuite.EmulatorDll), $"The emulator is not built at {PesterSuite.EmulatorDll}.");
        _output.WriteLine($"pwsh: {pwsh} ({reason})");

        var suite = await PesterSuite.RunAsync(pwsh!, Timeout());
        _output.WriteLine(suite.Output);
        WriteRepositoryResults(suite);

        var problems = new StringBuilder();
        foreach (var failure in suite.Failures)
        {
            problems.AppendLine($"- {failure.Name}: {failure.Message}");
        }

        if (suite.Summary is null)
        {
            problems.AppendLine($"- Pester did not report (pwsh exit code {suite.ExitCode}). Its output ends with:");
            problems.AppendLine(Tail(suite.Output, 40));
        }
        else if (suite.Failures.Count == 0 && (suite.ExitCode != 0 || suite.Summary.Failed > 0))
        {
            problems.AppendLine($"- Pester's result is {suite.Summary.Result} (exit code {suite.ExitCode}). Its output ends with:");
            problems.AppendLine(Tail(suite.Output, 40));
        }

        if (problems.Length > 0)
        {
            var counts = suite.Summary is { } s ? $" ({s.Passed} passed, {s.Failed} failed, {s.Skipped} skipped)" : string.Empty;
            Assert.Fail($"The Pester suite failed{counts}:{Environment.NewLine}{problems}");
        }

        Assert.True(suite.Summary!.Passed > 0, "The Pester suite ran no test.");
    }

    private static TimeSpan Timeout()
    {
        var seconds = Environment.GetEnvironmentVariable("PRIVACYSERVICES_PESTER_TIMEOUT_SECONDS");
        return int.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromSeconds(value)
            : DefaultTimeout;
    }

    /// <summary>Pester's counts and output where .ci/run and people look: TestResults/ at the repository root.</summary>
    private static void WriteRepositoryResults(PesterSuite suite)
    {
        var directory = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "pester-output.txt"), suite.Output);
        var summaryPath = Path.Combine(directory, "pester-summary.txt");
        if (suite.Summary is { } s)
        {
            File.WriteAllText(summaryPath, $"{s.Passed} {s.Failed} {s.Skipped}\n");
        }
        else
        {
            File.Delete(summaryPath);
        }
    }

    private static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n').Select(l => l.TrimEnd('\r')).TakeLast(lines));
}
