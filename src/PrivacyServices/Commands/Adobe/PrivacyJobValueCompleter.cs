using System;
using System.Collections.Generic;
using PrivacyServices.Apis;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Tab-completes the Adobe values documented today, in Adobe's casing (-Regulation, -Product, -Status, -Type, -Namespace); other values are still accepted.</summary>
    public sealed class PrivacyJobValueCompleter : ValueListCompleter
    {
        protected override IEnumerable<string> Values(string parameterName)
        {
            switch (parameterName.ToLowerInvariant())
            {
                case "regulation": return PrivacyJobOptions.KnownRegulations;
                case "product":
                case "include": return PrivacyJobOptions.KnownProducts;
                case "status": return PrivacyJobOptions.KnownStatuses;
                case "type": return PrivacyUserId.KnownTypes;
                case "namespace": return PrivacyUserId.StandardNamespaces;
                default: return Array.Empty<string>();
            }
        }
    }
}
