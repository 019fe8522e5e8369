using System.Management.Automation;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Lists the sessions of this runspace (never a secret).</summary>
    [Cmdlet(VerbsCommon.Get, "PrivacyServiceSession")]
    [OutputType(typeof(PrivacyServiceSession))]
    public sealed class GetPrivacyServiceSessionCommand : PrivacyCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

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
                    WriteObject(registry.Default);
                }

                return;
            }

            var sessions = registry.All;
            if (Name == null)
            {
                WriteObject(sessions, enumerateCollection: true);
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
                        WriteObject(session);
                    }
                }

                if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(ErrorRecords.NotFound("PrivacyServices.Session.NotFound", $"There is no session named '{name}' in this runspace.", name));
                }
            }
        }
    }
}
