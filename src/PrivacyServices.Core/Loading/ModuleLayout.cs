using System.IO;

namespace PrivacyServices.Loading
{
    /// <summary>
    /// Where the module's assemblies are. The folder of PrivacyServices.Core.dll holds what every PowerShell session shares
    /// (the cmdlets, Core and Core's dependencies); its Dependencies/ subfolder holds what the module keeps to itself
    /// (the MSAL-based token sources, MSAL and what MSAL brings). docs/coexistence.md explains which assembly goes where.
    /// </summary>
    internal sealed class ModuleLayout
    {
        public const string DependencyFolderName = "Dependencies";
        public const string LoaderFileName = "PrivacyServices.Loader.dll";

        private ModuleLayout(string sharedFolder)
        {
            SharedFolder = sharedFolder;
            DependencyFolder = Path.Combine(sharedFolder, DependencyFolderName);
        }

        /// <summary>The layout around the PrivacyServices.Core.dll that is running.</summary>
        public static ModuleLayout Current { get; } = new ModuleLayout(Path.GetDirectoryName(typeof(ModuleLayout).Assembly.Location) ?? string.Empty);

        public string SharedFolder { get; }

        public string DependencyFolder { get; }

        /// <summary>
        /// False where Core runs without the module's layout (an application or test referencing the packages directly,
        /// which has every assembly beside Core already): then nothing is isolated.
        /// </summary>
        public bool HasDependencyFolder => Directory.Exists(DependencyFolder);

        public string LoaderPath => Path.Combine(SharedFolder, LoaderFileName);

        /// <summary>Where an isolated assembly's file is: in Dependencies/ in the module, beside Core otherwise.</summary>
        public string IsolatedAssemblyPath(string fileName) =>
            Path.Combine(HasDependencyFolder ? DependencyFolder : SharedFolder, fileName);
    }
}
