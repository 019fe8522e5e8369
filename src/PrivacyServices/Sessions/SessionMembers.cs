using System.Management.Automation;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Sessions
{
    /// <summary>Members PowerShell adds to a session written to the pipeline (PSCodeProperty getters must be public and static).</summary>
    public static class SessionMembers
    {
        /// <summary>Whether the session is the default of the runspace reading the property.</summary>
        public static bool IsDefault(PSObject instance) =>
            instance?.BaseObject is PrivacyServiceSession session && SessionRegistry.Current.IsDefault(session);
    }
}
