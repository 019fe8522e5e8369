using System.Management.Automation;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>As in Az and Microsoft.Graph, the parameter that names the object a cmdlet acts on answers to -Identity too.</summary>
public sealed class IdentityAliasTests
{
    [Theory]
    [InlineData("Get-PrivacyJob", "JobId")]
    [InlineData("Wait-PrivacyJob", "JobId")]
    [InlineData("Save-PrivacyJobResult", "JobId")]
    [InlineData("Get-ConsentFile", "Id")]
    [InlineData("Get-DataSharingConsent", "Id")]
    [InlineData("Revoke-DataSharingConsent", "Id")]
    public void The_id_parameter_answers_to_Identity(string cmdlet, string parameter)
    {
        using var module = new HostedModule();

        var aliases = module.Run($"(Get-Command {cmdlet}).Parameters['{parameter}'].Aliases").Select(a => (string)a.BaseObject);

        Assert.Contains("Identity", aliases);
    }

    [Fact]
    public void Every_exported_cmdlet_with_a_JobId_or_an_Id_of_its_object_has_the_alias()
    {
        using var module = new HostedModule();

        var missing = module.Run(@"
            Get-Command -Module PrivacyServices | ForEach-Object {
                $command = $_
                foreach ($name in 'JobId', 'Id') {
                    $p = $command.Parameters[$name]
                    if ($p -and $command.Name -ne 'Save-ConsentFile') { '{0} -{1} {2}' -f $command.Name, $name, ($p.Aliases -contains 'Identity') }
                }
            }").Select(o => (string)o.BaseObject).ToList();

        // Save-ConsentFile -Id is the file name of a URL being saved (bound with -FileUrl), not the object acted on.
        Assert.True(missing.Count >= 6, "the scan found too few id parameters: " + string.Join("; ", missing));
        Assert.All(missing, m => Assert.EndsWith(" True", m));
    }
}
