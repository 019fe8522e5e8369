using System.Linq;
using System.Management.Automation;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Lists the sessions of this runspace (never a secret).</summary>
    [Cmdlet(VerbsCommon.Get, "PrivacyServiceSession", HelpUri = HelpLinks.Cmdlets + "Get-PrivacyServiceSession.md")]
    [OutputType(typeof(PrivacyServiceSession))]
    public sealed class GetPrivacyServiceSessionCommand : PrivacyCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only the sessions of these providers.</summary>
        [Parameter]
        public PrivacyProvider[]? Provider { get; set; }

        /// <summary>Only the default session.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        protected override void ProcessRecord()
        {
            var registry = SessionRegistry.Current;
            if (Default)
            {
                if (registry.Default != null)
                {
                    WriteSession(registry.Default, registry);
                }

                return;
            }

            var sessions = registry.All.Where(s => Provider == null || Provider.Contains(s.ProviderKind)).ToList();
            if (Name == null)
            {
                foreach (var session in sessions)
                {
                    WriteSession(session, registry);
                }

                return;
            }

            foreach (var name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var found = false;
                foreach (var session in sessions)
                {
                    if (pattern.IsMatch(session.Name))
                    {
                        found = true;
                        WriteSession(session, registry);
                    }
                }

                if (!found && Provider == null && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(ErrorRecords.NotFound("PrivacyServices.Session.NotFound", $"There is no session named '{name}' in this runspace.", name));
                }
            }
        }

        /// <summary>The session with IsDefault (whether it is this runspace's default), a view-only fact the session itself does not know.</summary>
        private void WriteSession(PrivacyServiceSession session, SessionRegistry registry)
        {
            WriteObject(SessionStamp.ForOutput(session));
        }
    }
}
