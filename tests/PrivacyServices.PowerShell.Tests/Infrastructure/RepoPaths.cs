namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>Where the repository and the built module are, found from the test binaries upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The module folder <c>dotnet build</c> leaves (the one users import).</summary>
    public static string ModuleManifest => Path.Combine(Root, "out", "module", "PrivacyServices", "PrivacyServices.psd1");

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
