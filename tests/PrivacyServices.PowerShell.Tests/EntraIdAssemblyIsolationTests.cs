using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// MSAL loads only when an Entra ID session is created. The hosted engine cannot show that (this test process may have
/// loaded MSAL for other tests already), so the load check runs a fresh pwsh; the reference check reads the built module's metadata.
/// </summary>
[Collection(EntraIdCollection.Name)]
public sealed class EntraIdAssemblyIsolationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public EntraIdAssemblyIsolationTests(EmulatorFixture emulator) => _emulator = emulator;

    private static string ModuleFolder => Path.GetDirectoryName(RepoPaths.ModuleManifest)!;

    [SkippableFact]
    public void Import_and_a_Generic_session_load_no_MSAL_but_an_EntraId_session_does_in_a_fresh_pwsh()
    {
        var pwsh = ExternalPwsh.Require();
        var script = Path.Combine(Path.GetTempPath(), $"privacyservices-isolation-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, """
            $ErrorActionPreference = 'Stop'
            function Get-Loaded([string] $name) {
                [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name } | ForEach-Object { $_.Location }
            }
            function New-Credential([string] $id, [string] $secret) {
                [pscredential]::new($id, (ConvertTo-SecureString $secret -AsPlainText -Force))
            }
            Import-Module $env:PS_TEST_MANIFEST
            "import: msal=$([bool](Get-Loaded 'Microsoft.Identity.Client')) entra=$([bool](Get-Loaded 'PrivacyServices.EntraId'))"
            Connect-PrivacyService -Provider Generic -ClientCredential (New-Credential $env:PS_TEST_GENERIC_ID $env:PS_TEST_GENERIC_SECRET) -TokenUri "$env:PS_TEST_ROOT/generic/token"
            $null = Get-PrivacyToken
            "generic: msal=$([bool](Get-Loaded 'Microsoft.Identity.Client')) entra=$([bool](Get-Loaded 'PrivacyServices.EntraId'))"
            Connect-PrivacyService -Provider EntraId -TenantId $env:PS_TEST_TENANT -ClientCredential (New-Credential $env:PS_TEST_ENTRA_ID $env:PS_TEST_ENTRA_SECRET) `
                -TokenUri "$env:PS_TEST_ROOT/entra/$env:PS_TEST_TENANT/oauth2/v2.0/token" -Scope 'api://isolation/.default'
            "entraid: msal=$([bool](Get-Loaded 'Microsoft.Identity.Client')) entra=$([bool](Get-Loaded 'PrivacyServices.EntraId'))"
            "msal-location=$(Get-Loaded 'Microsoft.Identity.Client')"
            """);
        try
        {
            var output = ExternalPwsh.RunFile(pwsh, script, new Dictionary<string, string>
            {
                ["PS_TEST_MANIFEST"] = RepoPaths.ModuleManifest,
                ["PS_TEST_ROOT"] = _emulator.Root,
                ["PS_TEST_GENERIC_ID"] = TestCredentials.GenericClientId,
                ["PS_TEST_GENERIC_SECRET"] = TestCredentials.GenericClientSecret,
                ["PS_TEST_TENANT"] = TestCredentials.EntraIdTenantId,
                ["PS_TEST_ENTRA_ID"] = TestCredentials.EntraIdClientId,
                ["PS_TEST_ENTRA_SECRET"] = TestCredentials.EntraIdClientSecret,
            }, TimeSpan.FromMinutes(2));

            Assert.Contains("import: msal=False entra=False", output);
            Assert.Contains("generic: msal=False entra=False", output);
            Assert.Contains("entraid: msal=True entra=True", output);
            Assert.Contains("msal-location=" + Path.Combine(ModuleFolder, "Dependencies", "Microsoft.Identity.Client.dll"), output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [SkippableFact]
    public void A_module_folder_without_MSAL_gives_a_configuration_error_not_a_crash()
    {
        var pwsh = ExternalPwsh.Require();
        var copy = Directory.CreateTempSubdirectory("privacyservices-no-msal-");
        var module = Directory.CreateDirectory(Path.Combine(copy.FullName, "PrivacyServices"));
        var script = Path.Combine(copy.FullName, "test.ps1");
        try
        {
            foreach (var file in Directory.GetFiles(ModuleFolder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "Microsoft.Identity.Client.dll"))
            {
                var target = Path.Combine(module.FullName, Path.GetRelativePath(ModuleFolder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.WriteAllText(script, """
                Import-Module $env:PS_TEST_MANIFEST
                $credential = [pscredential]::new('app', (ConvertTo-SecureString 'secret' -AsPlainText -Force))
                Connect-PrivacyService -Provider EntraId -TenantId contoso -ClientCredential $credential -Scope api://x/.default -ErrorVariable failure -ErrorAction SilentlyContinue
                "id=$($failure[0].FullyQualifiedErrorId)"
                "category=$($failure[0].CategoryInfo.Category)"
                """);
            var output = ExternalPwsh.RunFile(pwsh, script, new Dictionary<string, string>
            {
                ["PS_TEST_MANIFEST"] = Path.Combine(module.FullName, "PrivacyServices.psd1"),
            }, TimeSpan.FromMinutes(2));

            Assert.Contains("id=PrivacyServices.EntraId.AssemblyLoadFailed,PrivacyServices.PowerShell.Commands.ConnectPrivacyServiceCommand", output);
            Assert.Contains("category=InvalidData", output);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("PrivacyServices.dll")]
    [InlineData("PrivacyServices.Core.dll")]
    [InlineData("PrivacyServices.Loader.dll")]
    public void Module_assemblies_other_than_PrivacyServices_EntraId_never_reference_MSAL(string file)
    {
        var references = AssemblyReferences(Path.Combine(ModuleFolder, file));
        Assert.DoesNotContain("Microsoft.Identity.Client", references);
        Assert.DoesNotContain("PrivacyServices.EntraId", references);
    }

    [Fact]
    public void PrivacyServices_EntraId_exposes_only_the_factory_Core_loads_by_name()
    {
        using var stream = File.OpenRead(Path.Combine(ModuleFolder, "Dependencies", "PrivacyServices.EntraId.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var publicTypes = metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Where(t => (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name))
            .ToList();
        Assert.Equal(new[] { "PrivacyServices.EntraId.EntraIdTokenSourceFactory" }, publicTypes);
        Assert.Contains("Microsoft.Identity.Client", AssemblyReferences(Path.Combine(ModuleFolder, "Dependencies", "PrivacyServices.EntraId.dll")));
    }

    private static List<string> AssemblyReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }
}
