using System;
using System.IO;
using System.Reflection;
using PrivacyServices.Http;

namespace PrivacyServices.Authentication.EntraId
{
    /// <summary>
    /// Loads PrivacyServices.EntraId.dll (and through it MSAL) from the folder Core was loaded from, the first time an
    /// Entra ID session is created. Nothing else references that assembly, so importing the module and using the other
    /// providers never loads MSAL. This is the one place that decides how it is loaded (a private AssemblyLoadContext
    /// can take over here).
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
            var folder = Path.GetDirectoryName(typeof(EntraIdTokenSourceLoader).Assembly.Location) ?? string.Empty;
            var path = Path.Combine(folder, AssemblyFileName);
            if (!File.Exists(path))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidConfiguration,
                    "PrivacyServices.EntraId.AssemblyMissing",
                    $"The Entra ID provider needs {AssemblyFileName} and the Microsoft.Identity.Client (MSAL) assemblies beside PrivacyServices.Core.dll in '{folder}'; reinstall the module.");
            }

            try
            {
                var assembly = Assembly.LoadFrom(path);
                var type = assembly.GetType(FactoryTypeName, throwOnError: true)!;
                return (IEntraIdTokenSourceFactory)Activator.CreateInstance(type)!;
            }
            catch (Exception ex) when (IsLoadFailure(ex))
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
                $"'{Path.GetDirectoryName(typeof(EntraIdTokenSourceLoader).Assembly.Location)}': {ex.Message}",
                innerException: ex);
    }
}
