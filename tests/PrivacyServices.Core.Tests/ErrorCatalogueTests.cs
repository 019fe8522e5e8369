using System.Text.RegularExpressions;
using Xunit;

namespace PrivacyServices.Core.Tests;

/// <summary>docs/errors.md lists every error id the module can write, so users can rely on it.</summary>
public sealed class ErrorCatalogueTests
{
    private static readonly Regex ErrorIdLiteral = new(
        @"""(PrivacyServices\.(?:Adobe|Api|Certificate|Connect|Download|EntraId|LiveRamp|Session|Telia|Token|Transport)\.[A-Z][A-Za-z0-9]*)""",
        RegexOptions.CultureInvariant);

    private static readonly string[] NotErrorIds = { "PrivacyServices.EntraId.EntraIdTokenSourceFactory" };

    [Fact]
    public void Every_error_id_in_the_code_is_in_the_catalogue()
    {
        var root = RepoPaths.Root;
        var catalogue = File.ReadAllText(Path.Combine(root, "docs", "errors.md"));
        var ids = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => ErrorIdLiteral.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Except(NotErrorIds)
            .Distinct()
            .ToList();

        Assert.True(ids.Count > 40, $"only {ids.Count} ids found: the scan is broken");
        var missing = ids.Where(id => !catalogue.Contains("`" + id + "`", StringComparison.Ordinal)).OrderBy(id => id).ToList();
        Assert.True(missing.Count == 0, "Add to docs/errors.md: " + string.Join(", ", missing));
    }
}
