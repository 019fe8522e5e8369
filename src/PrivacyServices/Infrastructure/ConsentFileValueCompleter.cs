using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Tab-completes the consent-file values LiveRamp documents, by parameter name (IdentifierType, RequestType, …).</summary>
    public sealed class ConsentFileValueCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ValuesFor(parameterName)
                .Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(value => new CompletionResult(value, value, CompletionResultType.ParameterValue, value));
        }

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
