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
            var matches = Values(parameterName)
                .Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value))
                .ToList();
            return matches.Count > 0 ? matches : new[] { NothingToComplete(wordToComplete, parameterName) };
        }

        /// <summary>
        /// PowerShell offers file names when a completer returns nothing; a value typed in (an id, a key) is never a file.
        /// What was typed is kept as it is, and an empty word becomes '' (a completion cannot be empty).
        /// </summary>
        private static CompletionResult NothingToComplete(string? wordToComplete, string parameterName)
        {
            var text = string.IsNullOrEmpty(wordToComplete) ? "''" : wordToComplete!;
            return new CompletionResult(text, text, CompletionResultType.ParameterValue, $"-{parameterName} takes a value you type; there is nothing to complete.");
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

    /// <summary>For parameters whose values are typed in (ids, keys, names at the vendor): completes nothing, and never a file name.</summary>
    public sealed class NoFileNamesCompleter : ValueListCompleter
    {
        protected override IEnumerable<string> Values(string parameterName) => Array.Empty<string>();
    }
}
