using System.Text.RegularExpressions;
using Xunit;

namespace PrivacyServices.Core.Tests;

/// <summary>
/// Core speaks of the request, never of PowerShell: no cmdlet names, no -Parameter spelling, no PowerShell drives, no
/// environment variables in its messages. The cmdlet layer adds those (ErrorRecords), from PrivacyServiceException.Parameter.
/// </summary>
public sealed class CoreVocabularyTests
{
    private static readonly Regex PowerShellWords = new(
        @"(?<![\w/-])-[A-Z][a-z]+[A-Za-z]*\b|\b[A-Z][a-z]+-(Privacy|Project|Consent)[A-Za-z]*\b|\bCert:\\|PRIVACYSERVICES_|\bcmdlet\b",
        RegexOptions.CultureInvariant);

    private static readonly Regex StringLiteral = new(@"\$?@?""(?:[^""\\]|\\.)*""", RegexOptions.CultureInvariant);

    [Fact]
    public void Core_messages_name_no_cmdlet_parameter_drive_or_environment_variable()
    {
        var core = Path.Combine(RepoPaths.Root, "src", "PrivacyServices.Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => StringLiteral.Matches(l.line).Select(m => (l.f, l.i, text: m.Value)))
            .Where(l => PowerShellWords.IsMatch(l.text))
            .Select(l => $"{Path.GetFileName(l.f)}:{l.i + 1}: {l.text}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_PowerShell_words_when_they_are_there()
    {
        Assert.Matches(PowerShellWords, "\"give -OrgId here\"");
        Assert.Matches(PowerShellWords, "\"run Connect-PrivacyService again\"");
        Assert.Matches(PowerShellWords, "\"or set PRIVACYSERVICES_CLIENT_ID\"");
        Assert.DoesNotMatch(PowerShellWords, "\"OrgId is required: x-gw-ims-org-id\"");
    }
}

/// <summary>The repository, found from the test binaries upwards.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivacyServices.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cannot find PrivacyServices.PowerShell.sln above " + AppContext.BaseDirectory);
    }
}
