using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Providers;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Which of Connect-PrivacyService's provider-specific parameters each provider takes, so a parameter meant for another
    /// vendor (-OrgId with -Provider Telia) is refused instead of silently ignored. Each vendor's definition says which
    /// options it alone reads (<see cref="ProviderDefinition.OwnOptions"/>); this knows only which option a parameter fills.
    /// </summary>
    internal static class ProviderParameters
    {
        private static readonly Dictionary<string, string> OptionOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["OrgId"] = nameof(ConnectOptions.OrgId),
            ["ProjectId"] = nameof(ConnectOptions.ProjectId),
            ["CustomerId"] = nameof(ConnectOptions.CustomerId),
            ["ApiVersion"] = nameof(ConnectOptions.ApiVersion),
            ["TenantId"] = nameof(ConnectOptions.TenantId),
            ["ClientAuthentication"] = nameof(ConnectOptions.ClientAuthentication),
            ["UserCredential"] = nameof(ConnectOptions.UserName),
            ["CredentialFile"] = nameof(ConnectOptions.ServiceAccount),
            ["Certificate"] = nameof(ConnectOptions.Certificate),
            ["CertificateThumbprint"] = nameof(ConnectOptions.Certificate),
            ["CertificatePath"] = nameof(ConnectOptions.Certificate),
            ["CertificatePassword"] = nameof(ConnectOptions.Certificate),
            ["SendCertificateChain"] = nameof(ConnectOptions.SendCertificateChain),
            ["ManagedIdentity"] = nameof(ConnectOptions.ManagedIdentity),
        };

        /// <summary>The provider-specific parameters a provider takes, in a stable order (empty when it has none).</summary>
        public static IReadOnlyList<string> Of(PrivacyProvider provider) =>
            OptionOf.Where(p => OwnersOf(p.Value).Contains(provider)).Select(p => "-" + p.Key).ToList();

        /// <summary>The first of <paramref name="bound"/> that belongs to other providers only, or null.</summary>
        public static string? FirstNotApplicable(PrivacyProvider provider, IEnumerable<string> bound) =>
            bound.FirstOrDefault(name => OptionOf.TryGetValue(name, out var option) && !OwnersOf(option).Contains(provider));

        public static string NotApplicableMessage(PrivacyProvider provider, string parameter)
        {
            var owners = string.Join(" or ", OwnersOf(OptionOf[parameter]));
            var own = Of(provider);
            var takes = own.Count == 0
                ? $"{provider} takes no provider-specific parameter"
                : $"{provider}'s own parameters are {string.Join(", ", own)}";
            return $"-{parameter} applies to -Provider {owners}, not {provider}; {takes} (besides the common ones such as -ClientCredential, -TokenUri, -ApiBaseUri, -Scope).";
        }

        private static IEnumerable<PrivacyProvider> OwnersOf(string option) =>
            ProviderRegistry.All.Where(definition => definition.OwnOptions.Contains(option)).Select(definition => definition.Provider);
    }
}
