namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// Finds the pwsh that runs the Pester suite: <c>PRIVACYSERVICES_PWSH</c>, else the first <c>pwsh</c> on <c>PATH</c>.
/// With <c>PRIVACYSERVICES_REQUIRE_PWSH=1</c> (CI, build.ps1) a missing pwsh is a failure, not a skip.
/// </summary>
public static class Pwsh
{
    public const string PathVariable = "PRIVACYSERVICES_PWSH";
    public const string RequireVariable = "PRIVACYSERVICES_REQUIRE_PWSH";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>PRIVACYSERVICES_PWSH is set: a path that does not exist is then a mistake to report, not a reason to skip.</summary>
    public static bool Configured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PathVariable));

    /// <summary>The pwsh executable, or null with the reason it was not found.</summary>
    public static (string? Path, string Reason) Locate()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? (configured, $"{PathVariable}={configured}")
                : (null, $"{PathVariable} is set to '{configured}', which does not exist.");
        }

        var name = OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory.Trim('"'), name);
            if (File.Exists(candidate))
            {
                return (candidate, $"{name} on PATH");
            }
        }

        return (null, $"pwsh (PowerShell 7) was not found: set {PathVariable} to its path or put it on PATH.");
    }
}

/// <summary>
/// A fact that needs pwsh. xunit 2 has no dynamic skip (and Xunit.SkippableFact is not available here), so the skip is decided
/// at discovery: without pwsh the test is reported as skipped with the reason, unless PRIVACYSERVICES_REQUIRE_PWSH=1
/// or PRIVACYSERVICES_PWSH is set, in which case it runs and fails saying pwsh is missing.
/// </summary>
public sealed class PwshFactAttribute : FactAttribute
{
    public PwshFactAttribute()
    {
        var (path, reason) = Pwsh.Locate();
        if (path is null && !Pwsh.Required && !Pwsh.Configured)
        {
            Skip = reason + $" Set {Pwsh.RequireVariable}=1 to make this a failure.";
        }
    }
}
