using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PrivacyServices.Loader
{
    /// <summary>
    /// The module's private AssemblyLoadContext (PowerShell 7). It holds the assemblies of the module's Dependencies/ folder
    /// (PrivacyServices.EntraId and MSAL with what MSAL brings), so another version of them loaded by another module —
    /// in the default context or its own — neither breaks this module nor is broken by it.
    /// <para>
    /// Which copy of an assembly the context uses, in this order:
    /// 1. a file in the module folder itself (PrivacyServices.Core and its dependencies): the copy of the context that loaded
    ///    Core, so the types crossing the boundary (IEntraIdTokenSourceFactory, EntraIdSettings, TimeProvider) have one identity;
    /// 2. an assembly the runtime or the host ships (TRUSTED_PLATFORM_ASSEMBLIES) in at least the requested version: that one
    ///    (System.Text.Json, System.Memory, …: a private copy would make ReadOnlyMemory&lt;byte&gt; another type than the runtime's);
    /// 3. a file in Dependencies/: loaded here, privately;
    /// anything else: the default context decides.
    /// </para>
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        public const string ContextName = "PrivacyServices";

        private static readonly object Gate = new object();
        private static readonly Dictionary<string, ModuleLoadContext> Contexts = new Dictionary<string, ModuleLoadContext>(StringComparer.Ordinal);

        private readonly AssemblyLoadContext _shared;
        private readonly string _sharedFolder;
        private readonly string _dependencyFolder;
        private readonly Dictionary<string, string> _platformAssemblies;

        private ModuleLoadContext(AssemblyLoadContext shared, string sharedFolder, string dependencyFolder)
            : base(ContextName, isCollectible: false)
        {
            _shared = shared;
            _sharedFolder = sharedFolder;
            _dependencyFolder = dependencyFolder;
            _platformAssemblies = ReadPlatformAssemblies();
        }

        /// <summary>
        /// Loads <paramref name="assemblyName"/> from <paramref name="dependencyFolder"/> into the module's context (one
        /// context per dependency folder, created on first use). <paramref name="sharedAssembly"/> is PrivacyServices.Core:
        /// its folder and its load context are the shared side. Called by Core through reflection.
        /// </summary>
        public static Assembly LoadIsolated(Assembly sharedAssembly, string dependencyFolder, string assemblyName)
        {
            if (sharedAssembly == null)
            {
                throw new ArgumentNullException(nameof(sharedAssembly));
            }

            var sharedFolder = Path.GetDirectoryName(sharedAssembly.Location) ?? throw new ArgumentException("The shared assembly has no location.", nameof(sharedAssembly));
            ModuleLoadContext context;
            lock (Gate)
            {
                var key = Path.GetFullPath(dependencyFolder);
                if (!Contexts.TryGetValue(key, out context!))
                {
                    var shared = GetLoadContext(sharedAssembly) ?? Default;
                    context = new ModuleLoadContext(shared, sharedFolder, key);
                    Contexts.Add(key, context);
                }
            }

            return context.LoadFromAssemblyName(new AssemblyName(assemblyName));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var sharedPath = Path.Combine(_sharedFolder, name + ".dll");
            if (File.Exists(sharedPath))
            {
                return LoadShared(name, sharedPath);
            }

            if (_platformAssemblies.TryGetValue(name, out var platformPath) && IsAtLeast(platformPath, assemblyName.Version))
            {
                return null;
            }

            var isolatedPath = Path.Combine(_dependencyFolder, name + ".dll");
            return File.Exists(isolatedPath) ? LoadFromAssemblyPath(isolatedPath) : null;
        }

        /// <summary>The shared context's copy: the one already loaded there, else the platform's, else the module folder's.</summary>
        private Assembly? LoadShared(string name, string path)
        {
            foreach (var loaded in _shared.Assemblies)
            {
                if (string.Equals(loaded.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return loaded;
                }
            }

            return _platformAssemblies.ContainsKey(name) && _shared == Default ? null : _shared.LoadFromAssemblyPath(path);
        }

        private static bool IsAtLeast(string path, Version? requested)
        {
            if (requested == null)
            {
                return true;
            }

            try
            {
                return AssemblyName.GetAssemblyName(path).Version >= requested;
            }
            catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static Dictionary<string, string> ReadPlatformAssemblies()
        {
            var assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                assemblies[Path.GetFileNameWithoutExtension(path)] = path;
            }

            return assemblies;
        }
    }
}
