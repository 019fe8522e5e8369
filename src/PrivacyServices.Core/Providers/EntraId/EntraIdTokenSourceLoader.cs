using System;
using System.IO;
using System.Reflection;
using PrivacyServices.Http;
using PrivacyServices.Loading;

namespace PrivacyServices.Authentication.EntraId
{
    /// <summary>
    /// Loads PrivacyServices.EntraId.dll (and through it MSAL) the first time an Entra ID session is created. Nothing else
    /// references that assembly, so importing the module and using the other providers never loads MSAL. In the module it is
    /// an isolated assembly (Dependencies/): in PowerShell 7 it and MSAL load in the module's own AssemblyLoadContext
    /// (<see cref="IsolatedAssemblyLoader"/>, docs/coexistence.md).
    /// </summary>
    internal static class EntraIdTokenSourceLoader
    {
        public const string AssemblyFileName = "PrivacyServices.EntraId.dll";
        public const string FactoryTypeName = "PrivacyServices.EntraId.EntraIdTokenSourceFactory";

        private static readonly object Gate = new object();
        private static IEntraIdTokenSourceFactory? _factory;

        /// <summary>A token source for <paramref name="settings"/>; a missing or broken MSAL becomes a clear configuration error.</summary>
        public static ITokenSource CreateTokenSource(EntraIdSettings settings)
        {
            var factory = Factory;
            try
            {
                return factory.Create(settings);
            }
            catch (Exception ex) when (IsLoadFailure(ex))
            {
                throw LoadFailed(ex);
            }
        }

        private static IEntraIdTokenSourceFactory Factory
        {
            get
            {
                lock (Gate)
                {
                    return _factory ?? (_factory = Load());
                }
            }
        }

        private static IEntraIdTokenSourceFactory Load()
        {
            var layout = ModuleLayout.Current;
            if (!File.Exists(layout.IsolatedAssemblyPath(AssemblyFileName)))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidConfiguration,
                    "PrivacyServices.EntraId.AssemblyMissing",
                    $"The Entra ID provider needs {AssemblyFileName} and the Microsoft.Identity.Client (MSAL) assemblies in " +
                    $"'{Path.GetDirectoryName(layout.IsolatedAssemblyPath(AssemblyFileName))}'; reinstall the module.");
            }

            try
            {
                var assembly = IsolatedAssemblyLoader.Load(AssemblyFileName);
                var type = assembly.GetType(FactoryTypeName, throwOnError: true)!;
                return (IEntraIdTokenSourceFactory)Activator.CreateInstance(type)!;
            }
            // An invalid cast means PrivacyServices.EntraId bound to another copy of Core; a missing member, another loader.
            catch (Exception ex) when (IsLoadFailure(ex) || ex is InvalidCastException || ex is MissingMemberException)
            {
                throw LoadFailed(ex);
            }
        }

        /// <summary>MSAL's assemblies resolve when the first method using them is compiled, so load failures show up in Create too.</summary>
        private static bool IsLoadFailure(Exception ex) =>
            ex is FileLoadException || ex is FileNotFoundException || ex is BadImageFormatException || ex is TypeLoadException ||
            (ex is TargetInvocationException && ex.InnerException != null && IsLoadFailure(ex.InnerException));

        private static PrivacyServiceException LoadFailed(Exception ex) =>
            new PrivacyServiceException(
                PrivacyErrorKind.InvalidConfiguration,
                "PrivacyServices.EntraId.AssemblyLoadFailed",
                $"The Entra ID provider could not load {AssemblyFileName} or MSAL (Microsoft.Identity.Client) from " +
                $"'{Path.GetDirectoryName(ModuleLayout.Current.IsolatedAssemblyPath(AssemblyFileName))}': {ex.Message}",
                innerException: ex);
    }
}
