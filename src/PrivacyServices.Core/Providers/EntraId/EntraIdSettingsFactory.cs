using System;
using System.Collections.Generic;
using PrivacyServices.Http;
using PrivacyServices.Sessions;

namespace PrivacyServices.Authentication.EntraId
{
    /// <summary>
    /// Turns Connect-PrivacyService's options into <see cref="EntraIdSettings"/>, refusing incomplete ones before MSAL is loaded.
    /// Scope and API base URI stand in for each other: without -Scope, the scope is <c>{ApiBaseUri host}/.default</c>;
    /// without -ApiBaseUri, API calls go to the scope's resource when that is an https URL (https://graph.microsoft.com/.default),
    /// and otherwise (api://… scopes) the session serves tokens only until connected again with -ApiBaseUri.
    /// </summary>
    internal static class EntraIdSettingsFactory
    {
        private const string DefaultSuffix = "/.default";

        public static IReadOnlyList<string> ResolveScopes(ConnectOptions options)
        {
            if (options.Scopes.Count > 0)
            {
                return options.Scopes;
            }

            if (options.ApiBaseUri != null && options.ApiBaseUri.IsAbsoluteUri)
            {
                return new[] { options.ApiBaseUri.GetLeftPart(UriPartial.Authority) + DefaultSuffix };
            }

            throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidArgument,
                "PrivacyServices.Connect.ScopeMissing",
                "Scope is required for EntraId: the scope of the API the token is for, its resource followed by /.default " +
                "(for example api://<application id URI>/.default or https://graph.microsoft.com/.default); or give ApiBaseUri and the scope is {host}/.default.");
        }

        /// <summary>The resource an https scope names (https://graph.microsoft.com/.default → https://graph.microsoft.com/); null otherwise.</summary>
        public static Uri? ApiBaseFromScope(string scope)
        {
            var resource = ResourceOf(scope);
            return Uri.TryCreate(resource, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
                : null;
        }

        /// <summary>A scope without its /.default suffix: what a managed identity endpoint calls the resource.</summary>
        public static string ResourceOf(string scope) =>
            scope.EndsWith(DefaultSuffix, StringComparison.OrdinalIgnoreCase) ? scope.Substring(0, scope.Length - DefaultSuffix.Length) : scope;

        public static EntraIdSettings Create(ConnectOptions options, IReadOnlyList<string> scopes, TimeProvider time)
        {
            if (options.ManagedIdentity)
            {
                return ForManagedIdentity(options, scopes, time);
            }

            var clientId = options.ClientId;
            if (options.Certificate != null)
            {
                if (string.IsNullOrWhiteSpace(clientId))
                {
                    throw new PrivacyServiceException(
                        PrivacyErrorKind.InvalidArgument,
                        "PrivacyServices.Connect.ClientIdMissing",
                        "ClientId is required with a certificate: the application (client) id of the app registration the certificate belongs to.",
                        parameter: "ClientId");
                }

                return new EntraIdSettings(EntraIdCredentialKind.Certificate, scopes, options.RequestTimeout, time)
                {
                    ClientId = clientId!.Trim(),
                    Authority = EntraIdAuthority.Resolve(options.TokenUri, options.TenantId),
                    Certificate = CertificateSources.RequirePrivateKey(options.Certificate, "Certificate"),
                    SendCertificateChain = options.SendCertificateChain,
                };
            }

            if (string.IsNullOrWhiteSpace(clientId) || options.ClientSecret == null || options.ClientSecret.Length == 0)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.CredentialMissing",
                    "No credential for EntraId: an application (client) id with its secret or certificate, or a managed identity, is needed. Nothing prompts for one.",
                    parameter: "ClientCredential");
            }

            return new EntraIdSettings(EntraIdCredentialKind.ClientSecret, scopes, options.RequestTimeout, time)
            {
                ClientId = clientId!.Trim(),
                Authority = EntraIdAuthority.Resolve(options.TokenUri, options.TenantId),
                ClientSecret = options.ClientSecret,
            };
        }

        private static EntraIdSettings ForManagedIdentity(ConnectOptions options, IReadOnlyList<string> scopes, TimeProvider time)
        {
            if (options.TokenUri != null)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.TokenUriNotApplicable",
                    "TokenUri does not apply to ManagedIdentity: MSAL finds the identity endpoint itself, through IDENTITY_ENDPOINT and IDENTITY_HEADER " +
                    "(Azure Automation, App Service), Azure Arc's agent, or the VM's instance metadata service.");
            }

            if (scopes.Count != 1)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.ScopeInvalid",
                    $"Scope names {scopes.Count} scopes, but a managed identity token is for exactly one resource (for example api://<application id URI>/.default).");
            }

            return new EntraIdSettings(EntraIdCredentialKind.ManagedIdentity, scopes, options.RequestTimeout, time)
            {
                ClientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId!.Trim(),
            };
        }

        public static string Describe(EntraIdSettings settings) =>
            settings.Kind == EntraIdCredentialKind.ManagedIdentity
                ? (settings.ClientId == null ? "SystemAssignedManagedIdentity" : "UserAssignedManagedIdentity")
                : settings.Kind.ToString();
    }
}
