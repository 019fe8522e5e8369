using System.Management.Automation;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Removes a session from this runspace and clears its secrets and tokens from memory.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PrivacyService", HelpUri = HelpLinks.Cmdlets + "Disconnect-PrivacyService.md", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = false)]
    [OutputType(typeof(void))]
    public sealed class DisconnectPrivacyServiceCommand : PrivacyCmdlet
    {
        private const string DefaultSet = "Default";
        private const string NameSet = "Name";
        private const string SessionSet = "Session";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        [SessionTransformation]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public PrivacyServiceSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var registry = SessionRegistry.Current;
            var session = ParameterSetName == SessionSet ? Session : ParameterSetName == NameSet ? registry.Find(Name!) : registry.Default;
            if (session == null)
            {
                var message = ParameterSetName == NameSet
                    ? $"There is no session named '{Name}' in this runspace."
                    : "There is no default session in this runspace.";
                WriteError(ErrorRecords.NotFound("PrivacyServices.Session.NotFound", message, Name));
                return;
            }

            registry.Remove(session);
            session.Dispose();
            WriteVerbose($"Session '{session.Name}' disconnected; its secrets and tokens were cleared.");
        }
    }
}
