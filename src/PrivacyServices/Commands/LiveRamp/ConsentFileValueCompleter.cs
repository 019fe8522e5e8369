using System;
using System.Collections.Generic;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Tab-completes the consent-file values LiveRamp documents, by parameter name (IdentifierType, RequestType, …).</summary>
    public sealed class ConsentFileValueCompleter : ValueListCompleter
    {
        protected override IEnumerable<string> Values(string parameterName) => ValuesFor(parameterName);

        private static IEnumerable<string> ValuesFor(string parameterName)
        {
            switch (parameterName.ToLowerInvariant())
            {
                case "identifiertype": return ConsentFileValues.IdentifierTypes;
                case "requesttype": return ConsentFileValues.RequestTypes;
                case "muiddevicetype": return ConsentFileValues.MuidDeviceTypes;
                case "muidformat": return ConsentFileValues.MuidFormats;
                default: return Array.Empty<string>();
            }
        }
    }
}
