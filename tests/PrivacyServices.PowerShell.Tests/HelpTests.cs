using System.Management.Automation;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// Get-Help in an engine that hosts PowerShell (as Azure Automation's sandbox and other hosts do), with the module imported
/// by path: the cmdlet help comes from the module's en-US/PrivacyServices.dll-Help.xml and the about topic from
/// en-US/about_PrivacyServices.help.txt, offline. tests/Pester/Help.Tests.ps1 checks the same in pwsh, for every cmdlet.
/// </summary>
public sealed class HelpTests
{
    [Fact]
    public void Get_Help_Examples_returns_the_examples_of_the_MAML()
    {
        using var module = new HostedModule();

        var examples = module.Run(@"
            (Get-Help New-PrivacyJob -Examples).examples.example | ForEach-Object {
                [pscustomobject]@{ Title = $_.title; Code = $_.code; Remarks = ($_.remarks | ForEach-Object Text) -join ""`n"" }
            }");

        Assert.True(examples.Count >= 2, $"New-PrivacyJob has {examples.Count} examples.");
        Assert.Equal("--------- Example 1: One data subject, access and delete ---------", Text(examples[0], "Title"));
        Assert.StartsWith("New-PrivacyJob -Key DavidSmith -Namespace email -Value david@example.com", Text(examples[0], "Code"));
        Assert.Contains("73899a63-cf50-4c6e-b012-64eb24e57040", Text(examples[0], "Remarks"));
        Assert.All(examples, example => Assert.Contains("New-PrivacyJob", Text(example, "Code")));
        Assert.All(examples, example => Assert.DoesNotContain("```", Text(example, "Code") + Text(example, "Remarks")));
    }

    [Fact]
    public void Get_Help_Full_describes_the_parameters_from_the_MAML()
    {
        using var module = new HostedModule();

        var parameters = module.Run(@"
            $help = Get-Help Connect-PrivacyService -Full
            $help.parameters.parameter | ForEach-Object {
                [pscustomobject]@{ Synopsis = $help.Synopsis; Name = $_.name; Description = ($_.description | ForEach-Object Text) -join ""`n"" }
            }");

        Assert.StartsWith("Connects to a privacy API", Text(parameters[0], "Synopsis"));
        Assert.Contains("PRIVACYSERVICES_CLIENT_SECRET", Text(parameters.Single(p => Text(p, "Name") == "ClientCredential"), "Description"));
        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(Text(p, "Description")), $"-{Text(p, "Name")} has no description."));
        Assert.Contains(parameters, p => Text(p, "Name") == "ManagedIdentity");
    }

    [Fact]
    public void Get_Help_finds_the_about_topic_of_the_module_imported_by_path()
    {
        using var module = new HostedModule();

        var topic = Assert.Single(module.Run("Get-Help about_PrivacyServices"));

        var text = Assert.IsType<string>(topic.BaseObject);
        Assert.Contains("about_PrivacyServices", text);
        Assert.Contains("SHORT DESCRIPTION", text);
        Assert.Contains("-Session $using:session", text);
        Assert.Contains("single flight", text);
    }

    private static string Text(PSObject value, string name) => value.Properties[name]?.Value?.ToString() ?? string.Empty;
}
