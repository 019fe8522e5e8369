using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Sessions
{
    /// <summary>
    /// Which session a cmdlet uses when none is given (docs/design: "Which session"): the default session when it serves the
    /// cmdlet's vendor; else the only connected session of that vendor; else none, with the reason.
    /// </summary>
    internal static class SessionChooser
    {
        /// <summary>The session to use, or null with <paramref name="why"/> saying what to type instead.</summary>
        public static PrivacyServiceSession? Choose(SessionRegistry registry, PrivacyProvider? vendor, out string why)
        {
            why = string.Empty;
            var preferred = registry.Default;
            if (preferred != null && (vendor == null || preferred.ProviderKind == vendor))
            {
                return preferred;
            }

            if (vendor == null)
            {
                why = "There is no PrivacyServices session in this runspace. Run Connect-PrivacyService first, or pass -Session.";
                return null;
            }

            var candidates = registry.All.Where(s => s.ProviderKind == vendor).ToList();
            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            why = candidates.Count == 0
                ? $"There is no {vendor} session in this runspace{Others(registry.All)}. Run Connect-PrivacyService -Provider {vendor} first, or pass -Session."
                : $"There are {candidates.Count} {vendor} sessions ({string.Join(", ", candidates.Select(s => s.Name))}) and the default is not one of them: " +
                  $"pass -Session <name>, or make one the default with Select-PrivacyServiceSession -Name <name>.";
            return null;
        }

        private static string Others(IReadOnlyList<PrivacyServiceSession> all) =>
            all.Count == 0 ? string.Empty : $" (connected: {string.Join(", ", all.Select(s => $"{s.Name} ({s.Provider})"))})";
    }
}
