using System;
using System.Collections.Generic;
using System.Linq;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Which of Connect-PrivacyService's provider-specific parameters each provider takes, so a parameter meant for another
    /// vendor (-OrgId with -Provider Telia) is refused instead of silently ignored.
    /// </summary>
    internal static class ProviderParameters
    {
        private static readonly Dictionary<string, PrivacyProvider[]> OwnerOf = new Dictionary<string, PrivacyProvider[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["OrgId"] = new[] { PrivacyProvider.Adobe },
            ["ProjectId"] = new[] { PrivacyProvider.Telia },
            ["CustomerId"] = new[] { PrivacyProvider.MX },
            ["ApiVersion"] = new[] { PrivacyProvider.MX },
            ["TenantId"] = new[] { PrivacyProvider.EntraId },
            ["ClientAuthentication"] = new[] { PrivacyProvider.Generic },
            ["UserCredential"] = new[] { PrivacyProvider.Generic },
            ["CredentialFile"] = new[] { PrivacyProvider.LiveRamp },
            ["Certificate"] = new[] { PrivacyProvider.EntraId },
            ["CertificateThumbprint"] = new[] { PrivacyProvider.EntraId },
            ["CertificatePath"] = new[] { PrivacyProvider.EntraId },
            ["CertificatePassword"] = new[] { PrivacyProvider.EntraId },
            ["SendCertificateChain"] = new[] { PrivacyProvider.EntraId },
            ["ManagedIdentity"] = new[] { PrivacyProvider.EntraId },
        };

        /// <summary>The provider-specific parameters a provider takes, in a stable order (empty when it has none).</summary>
        public static IReadOnlyList<string> Of(PrivacyProvider provider) =>
            OwnerOf.Where(p => p.Value.Contains(provider)).Select(p => "-" + p.Key).ToList();

        /// <summary>The first of <paramref name="bound"/> that belongs to other providers only, or null.</summary>
        public static string? FirstNotApplicable(PrivacyProvider provider, IEnumerable<string> bound) =>
            bound.FirstOrDefault(name => OwnerOf.TryGetValue(name, out var owners) && !owners.Contains(provider));

        public static string NotApplicableMessage(PrivacyProvider provider, string parameter)
        {
            var owners = string.Join(" or ", OwnerOf[parameter]);
            var own = Of(provider);
            var takes = own.Count == 0
                ? $"{provider} takes no provider-specific parameter"
                : $"{provider}'s own parameters are {string.Join(", ", own)}";
            return $"-{parameter} applies to -Provider {owners}, not {provider}; {takes} (besides the common ones such as -ClientCredential, -TokenUri, -ApiBaseUri, -Scope).";
        }
    }
}
