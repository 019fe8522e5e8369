using System.Reflection;
using System.Runtime.Loader;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// Another module's copies of the module's dependencies, loaded into this test process the way another module would load
/// them (the files are in bin/.../OtherModules/, see the test project): MSAL 4.61.3 with its Microsoft.IdentityModel.Abstractions
/// 6.35 into the default context, as Add-Type -Path or Assembly.LoadFrom does (an older Az.Accounts, say); Newtonsoft.Json
/// 12.0.3 into a context of its own, since the default context answers a LoadFrom of 12.0.3 with the host's 13.0.
/// Loaded once per process: assemblies cannot be unloaded from the default context.
/// </summary>
public static class OtherModule
{
    public const string ContextName = "OtherModule";

    private static readonly Lazy<(Assembly Msal, Assembly Newtonsoft)> Loaded = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "OtherModules");
        var msal = Assembly.LoadFrom(Path.Combine(folder, "msal-4.61.3", "Microsoft.Identity.Client.dll"));
        Assembly.LoadFrom(Path.Combine(folder, "msal-4.61.3", "Microsoft.IdentityModel.Abstractions.dll"));
        var newtonsoft = new AssemblyLoadContext(ContextName).LoadFromAssemblyPath(Path.Combine(folder, "newtonsoft-12.0.3", "Newtonsoft.Json.dll"));
        return (msal, newtonsoft);
    });

    public static Assembly Msal => Loaded.Value.Msal;

    public static Assembly Newtonsoft => Loaded.Value.Newtonsoft;
}

/// <summary>One loaded assembly, for assertions and reports: name, version, load context and file.</summary>
public sealed record LoadedAssembly(string Name, string Version, string Context, string Location)
{
    public static IReadOnlyList<LoadedAssembly> Named(string name) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.GetName().Name == name)
            .Select(a => new LoadedAssembly(name, a.GetName().Version!.ToString(), AssemblyLoadContext.GetLoadContext(a)?.Name ?? "?", a.Location))
            .ToList();

    public override string ToString() => $"{Name} {Version} in '{Context}' from {Location}";
}
