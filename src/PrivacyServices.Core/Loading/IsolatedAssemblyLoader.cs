using System;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace PrivacyServices.Loading
{
    /// <summary>
    /// Loads one of the module's isolated assemblies (an assembly of Dependencies/), the way the running .NET allows:
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET with AssemblyLoadContext): into the module's own context, through PrivacyServices.Loader.dll
    /// (net6.0). This assembly is netstandard2.0 and cannot name AssemblyLoadContext, so it reaches the loader by reflection.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework, no load contexts): Assembly.LoadFrom, with <see cref="DesktopAssemblyResolver"/>
    /// answering for the module's own files. Only netstandard2.0 APIs run on this path.</item>
    /// <item>Without the module's layout (an application or test referencing Core and an isolated assembly): Assembly.LoadFrom
    /// beside Core, as before.</item>
    /// </list>
    /// </summary>
    internal static class IsolatedAssemblyLoader
    {
        private const string LoaderTypeName = "PrivacyServices.Loader.ModuleLoadContext";
        private const string LoaderMethodName = "LoadIsolated";

        /// <summary>True where the runtime has AssemblyLoadContext (.NET Core / .NET 5+, so PowerShell 7), asked without naming it.</summary>
        public static bool RuntimeHasLoadContexts { get; } =
            typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false) != null;

        /// <summary>
        /// At module import: on .NET Framework, registers <see cref="DesktopAssemblyResolver"/> before any of Core's code
        /// binds its netstandard2.0 dependencies. Nothing to do where load contexts exist.
        /// </summary>
        public static void OnModuleImport()
        {
            var layout = ModuleLayout.Current;
            if (!RuntimeHasLoadContexts && layout.HasDependencyFolder)
            {
                DesktopAssemblyResolver.Register(layout);
            }
        }

        /// <summary>Loads the isolated assembly whose file is <paramref name="fileName"/> (the MSAL-based token sources, for example).</summary>
        public static Assembly Load(string fileName) => Load(ModuleLayout.Current, fileName);

        internal static Assembly Load(ModuleLayout layout, string fileName)
        {
            var path = layout.IsolatedAssemblyPath(fileName);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"'{fileName}' is not in '{Path.GetDirectoryName(path)}'.", path);
            }

            if (!layout.HasDependencyFolder)
            {
                return Assembly.LoadFrom(path);
            }

            if (RuntimeHasLoadContexts)
            {
                return LoadThroughLoader(layout, Path.GetFileNameWithoutExtension(fileName));
            }

            DesktopAssemblyResolver.Register(layout);
            return Assembly.LoadFrom(path);
        }

        private static Assembly LoadThroughLoader(ModuleLayout layout, string assemblyName)
        {
            if (!File.Exists(layout.LoaderPath))
            {
                throw new FileNotFoundException($"'{ModuleLayout.LoaderFileName}' is not in '{layout.SharedFolder}'.", layout.LoaderPath);
            }

            var loader = Assembly.LoadFrom(layout.LoaderPath).GetType(LoaderTypeName, throwOnError: true)!;
            var method = loader.GetMethod(LoaderMethodName, BindingFlags.Public | BindingFlags.Static)
                         ?? throw new MissingMethodException(LoaderTypeName, LoaderMethodName);
            try
            {
                return (Assembly)method.Invoke(null, new object[] { typeof(IsolatedAssemblyLoader).Assembly, layout.DependencyFolder, assemblyName })!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
