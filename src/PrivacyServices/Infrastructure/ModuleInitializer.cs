using System.Management.Automation;
using PrivacyServices.Loading;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Runs when the module is imported. In Windows PowerShell 5.1 it registers the module's assembly resolver (binding
    /// redirects to the module's own files, which a module cannot declare); in PowerShell 7 it does nothing, because the
    /// module's isolated assemblies load in their own AssemblyLoadContext when first needed (docs/coexistence.md).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport() => IsolatedAssemblyLoader.OnModuleImport();
    }
}
