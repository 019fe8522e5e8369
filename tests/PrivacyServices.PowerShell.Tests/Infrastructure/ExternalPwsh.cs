using System.Diagnostics;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// A real pwsh in a fresh process, for what the hosted engine cannot show (which assemblies a clean process loads).
/// Found through PRIVACYSERVICES_PWSH, then PATH, then the workspace's ../shared/tools/pwsh. Tests skip without one,
/// unless PRIVACYSERVICES_REQUIRE_PWSH=1 (CI), where a missing pwsh is a failure.
/// </summary>
public static class ExternalPwsh
{
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("PRIVACYSERVICES_PWSH");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        var names = OperatingSystem.IsWindows() ? new[] { "pwsh.exe" } : new[] { "pwsh" };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        var shared = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "tools", "pwsh", names[0]));
        return File.Exists(shared) ? shared : null;
    }

    /// <summary>The pwsh path; skips the test (or fails it under PRIVACYSERVICES_REQUIRE_PWSH=1) when there is none.</summary>
    public static string Require()
    {
        var pwsh = Find();
        if (pwsh is null && Environment.GetEnvironmentVariable("PRIVACYSERVICES_REQUIRE_PWSH") == "1")
        {
            throw new InvalidOperationException("PRIVACYSERVICES_REQUIRE_PWSH=1 but no pwsh was found (PRIVACYSERVICES_PWSH, PATH, ../shared/tools/pwsh).");
        }

        Skip.If(pwsh is null, "No pwsh found (set PRIVACYSERVICES_PWSH or put pwsh on PATH).");
        return pwsh!;
    }

    /// <summary>Runs a script file in a fresh pwsh with the given environment variables; returns stdout, throws on a non-zero exit.</summary>
    public static string RunFile(string pwsh, string scriptPath, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(pwsh)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-File", scriptPath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh did not finish within {timeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pwsh exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }

        return stdout.Result;
    }
}
