using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Base of the module's tab completers: offers a list of values that start with what was typed, quoted when needed.</summary>
    public abstract class ValueListCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Values(parameterName)
                .Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value));
        }

        /// <summary>The values to offer for <paramref name="parameterName"/>.</summary>
        protected abstract IEnumerable<string> Values(string parameterName);

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }

    /// <summary>Completes the names of this runspace's sessions (-Name of Get-PrivacyServiceSession and Disconnect-PrivacyService).</summary>
    public sealed class SessionNameCompleter : ValueListCompleter
    {
        protected override IEnumerable<string> Values(string parameterName) =>
            Sessions.SessionRegistry.Current.All.Select(session => session.Name);
    }
}
