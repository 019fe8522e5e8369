using System.Reflection;
using System.Runtime.Loader;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The module beside another module's MSAL and Newtonsoft.Json, in the hosted engine (this process): the other copies load
/// first (<see cref="OtherModule"/>), then an EntraId managed-identity session gets its token through the module's own
/// MSAL, in the module's AssemblyLoadContext, and the other MSAL still works. tests/Pester/Coexistence.Tests.ps1 does the
/// same in fresh pwsh processes, in both orders.
/// </summary>
[Collection(EntraIdCollection.Name)]
public sealed class CoexistenceTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;

    public CoexistenceTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
    }

    private static string ModuleFolder => Path.GetDirectoryName(RepoPaths.ModuleManifest)!;

    private EmulatorCounters Counters => _emulator.Server.State.Counters;

    [Fact]
    public void EntraId_gets_its_token_through_its_own_MSAL_while_another_modules_MSAL_and_Newtonsoft_are_loaded_and_working()
    {
        Assert.Equal("4.61.3.0", OtherModule.Msal.GetName().Version!.ToString());
        Assert.Equal("12.0.0.0", OtherModule.Newtonsoft.GetName().Version!.ToString());

        using var module = new HostedModule();
        var before = Counters["msi.token.system"];
        using (new EnvironmentVariables(("IDENTITY_ENDPOINT", _emulator.Root + "/msi/token"), ("IDENTITY_HEADER", TestCredentials.ManagedIdentityHeader)))
        {
            var token = module.Run(
                "Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope $args[0]; Get-PrivacyToken",
                $"api://coexistence-{Guid.NewGuid():N}/.default").Single();
            Assert.Equal(TestCredentials.SystemAssignedIdentityClientId, ((IReadOnlyDictionary<string, object?>)token.Properties["Claims"].Value)["appid"]);
            Assert.Equal(1, Counters["msi.token.system"] - before);

            // The other module's MSAL is the one PowerShell's type names resolve to, and it still gets tokens.
            var other = module.Run(@"
                [Microsoft.Identity.Client.ManagedIdentityApplicationBuilder].Assembly.GetName().Version.ToString()
                $app = [Microsoft.Identity.Client.ManagedIdentityApplicationBuilder]::Create([Microsoft.Identity.Client.AppConfig.ManagedIdentityId]::SystemAssigned).Build()
                $app.AcquireTokenForManagedIdentity($args[0]).ExecuteAsync().GetAwaiter().GetResult().AccessToken.Length",
                $"api://other-module-{Guid.NewGuid():N}");
            Assert.Equal("4.61.3.0", other[0].BaseObject);
            Assert.True((int)other[1].BaseObject > 0);
            Assert.Equal(2, Counters["msi.token.system"] - before);
        }

        var msal = LoadedAssembly.Named("Microsoft.Identity.Client");
        var newtonsoft = LoadedAssembly.Named("Newtonsoft.Json");
        var privacyServices = LoadedAssembly.Named("PrivacyServices.Core").Concat(LoadedAssembly.Named("PrivacyServices.EntraId")).ToList();
        foreach (var assembly in msal.Concat(newtonsoft).Concat(privacyServices))
        {
            _output.WriteLine(assembly.ToString());
        }

        Assert.Equal(2, msal.Count);
        Assert.Contains(msal, a => a.Version == "4.61.3.0" && a.Context == "Default" && a.Location == OtherModule.Msal.Location);
        Assert.Contains(msal, a => a.Version == "4.92.0.0" && a.Context == "PrivacyServices" && a.Location == Path.Combine(ModuleFolder, "Dependencies", "Microsoft.Identity.Client.dll"));
        Assert.Contains(privacyServices, a => a.Name == "PrivacyServices.Core" && a.Context == "Default" && a.Location == Path.Combine(ModuleFolder, "PrivacyServices.Core.dll"));
        Assert.Contains(privacyServices, a => a.Name == "PrivacyServices.EntraId" && a.Context == "PrivacyServices");

        // Newtonsoft.Json is shared: Core binds to the host's copy in the default context; the module folder's copy is never loaded.
        Assert.Contains(newtonsoft, a => a.Version == "12.0.0.0" && a.Context == OtherModule.ContextName);
        Assert.DoesNotContain(newtonsoft, a => a.Location.StartsWith(ModuleFolder, StringComparison.Ordinal));
        var core = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "PrivacyServices.Core");
        var coreNewtonsoft = core.GetReferencedAssemblies().Single(r => r.Name == "Newtonsoft.Json");
        var bound = AssemblyLoadContext.GetLoadContext(core)!.LoadFromAssemblyName(coreNewtonsoft);
        Assert.Equal("Default", AssemblyLoadContext.GetLoadContext(bound)!.Name);
        Assert.Equal(13, bound.GetName().Version!.Major);
    }

    [Fact]
    public void The_module_context_takes_the_runtimes_own_copies_of_framework_assemblies()
    {
        using var module = new HostedModule();
        using (new EnvironmentVariables(("IDENTITY_ENDPOINT", _emulator.Root + "/msi/token"), ("IDENTITY_HEADER", TestCredentials.ManagedIdentityHeader)))
        {
            module.Run("Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope $args[0]", $"api://framework-{Guid.NewGuid():N}/.default");
        }

        var context = AssemblyLoadContext.All.Single(c => c.Name == "PrivacyServices");
        var isolated = context.Assemblies.Select(a => a.GetName().Name!).Order().ToList();
        _output.WriteLine("In the module's context: " + string.Join(", ", isolated));
        Assert.Equal(new[] { "Microsoft.Identity.Client", "Microsoft.IdentityModel.Abstractions", "PrivacyServices.EntraId" }, isolated);

        // MSAL's System.Text.Json and System.Memory are the runtime's, so the types it exchanges with the framework are the framework's.
        var msal = context.Assemblies.Single(a => a.GetName().Name == "Microsoft.Identity.Client");
        foreach (var name in new[] { "System.Text.Json", "System.Memory", "System.Diagnostics.DiagnosticSource" })
        {
            var reference = msal.GetReferencedAssemblies().FirstOrDefault(r => r.Name == name);
            if (reference is not null)
            {
                Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(context.LoadFromAssemblyName(reference)));
            }
        }
    }
}
