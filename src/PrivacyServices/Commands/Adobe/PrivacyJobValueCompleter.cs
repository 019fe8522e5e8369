using System;
using System.Collections.Generic;
using PrivacyServices.Apis;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Tab-completes the Adobe values documented today (-Regulation, -Product, -Status); other values are still accepted.</summary>
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
                default: return Array.Empty<string>();
            }
        }
    }
}
