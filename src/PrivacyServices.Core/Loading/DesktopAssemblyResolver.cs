using System;
using System.IO;
using System.Reflection;

namespace PrivacyServices.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has one load context per AppDomain and no binding redirects for a module.
    /// The netstandard2.0 dependencies of MSAL reference each other in versions other than the files shipped
    /// (System.Memory asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1, the folder has 6.0.0.0): when such a bind fails,
    /// this handler answers with the module's own file, as a binding redirect to the shipped version would. It answers only for
    /// file names the module ships and only to the module's own assemblies (or when .NET does not say who asked), so other
    /// modules' binds are left alone. netstandard2.0 APIs only (AppDomain.AssemblyResolve, Assembly.LoadFrom).
    /// </summary>
    internal static class DesktopAssemblyResolver
    {
        private static readonly object Gate = new object();
        private static ModuleLayout? _layout;

        public static void Register(ModuleLayout layout)
        {
            lock (Gate)
            {
                if (_layout != null)
                {
                    return;
                }

                _layout = layout;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var layout = _layout;
            if (layout == null || (args.RequestingAssembly != null && !IsModuleAssembly(layout, args.RequestingAssembly)))
            {
                return null;
            }

            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            foreach (var folder in new[] { layout.SharedFolder, layout.DependencyFolder })
            {
                var path = Path.Combine(folder, name + ".dll");
                if (File.Exists(path))
                {
                    return AlreadyLoaded(path) ?? Assembly.LoadFrom(path);
                }
            }

            return null;
        }

        private static Assembly? AlreadyLoaded(string path)
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!assembly.IsDynamic && string.Equals(SafeLocation(assembly), path, StringComparison.OrdinalIgnoreCase))
                {
                    return assembly;
                }
            }

            return null;
        }

        private static bool IsModuleAssembly(ModuleLayout layout, Assembly assembly)
        {
            var location = SafeLocation(assembly);
            if (location.Length == 0)
            {
                return false;
            }

            var folder = Path.GetDirectoryName(location);
            return string.Equals(folder, layout.SharedFolder, StringComparison.OrdinalIgnoreCase) ||
                   string.Equals(folder, layout.DependencyFolder, StringComparison.OrdinalIgnoreCase);
        }

        private static string SafeLocation(Assembly assembly) => assembly.IsDynamic ? string.Empty : assembly.Location;
    }
}
