namespace PrivacyServices.Benchmarks.Harness;

/// <summary>Where the repository and the built module are, found from the harness binaries upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The module folder the build leaves (the one users import); the harness project builds it first.</summary>
    public static string ModuleManifest => Path.Combine(Root, "out", "module", "PrivacyServices", "PrivacyServices.psd1");

    /// <summary>The empty binary module's dll, copied beside the harness by the build.</summary>
    public static string EmptyModuleAssembly => Path.Combine(AppContext.BaseDirectory, "EmptyModule.dll");

    private static string FindRoot()
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
