using System.Management.Automation;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Makes one of this runspace's sessions the default (as Select-AzContext does).</summary>
    [Cmdlet(VerbsCommon.Select, "PrivacyServiceSession", DefaultParameterSetName = ByName, SupportsShouldProcess = false,
        HelpUri = HelpLinks.Cmdlets + "Select-PrivacyServiceSession.md")]
    [OutputType(typeof(PrivacyServiceSession))]
    public sealed class SelectPrivacyServiceSessionCommand : PrivacyCmdlet
    {
        private const string ByName = "Name";
        private const string BySession = "Session";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = BySession)]
        [ValidateNotNull]
        [SessionTransformation]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public PrivacyServiceSession? Session { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var registry = SessionRegistry.Current;
            var session = Session ?? registry.Find(Name!);
            if (session == null)
            {
                var known = string.Join(", ", registry.AllNames());
                WriteError(ErrorRecords.NotFound(
                    "PrivacyServices.Session.NotFound",
                    known.Length == 0
                        ? $"There is no session named '{Name}' in this runspace: run Connect-PrivacyService first."
                        : $"There is no session named '{Name}' in this runspace. Sessions: {known}.",
                    Name));
                return;
            }

            if (!registry.Select(session))
            {
                WriteError(ErrorRecords.InvalidOperation(
                    "PrivacyServices.Session.NotInRunspace",
                    $"Session '{session.Name}' is not held by this runspace (it was disconnected, replaced, or created in another runspace).",
                    session));
                return;
            }

            WriteVerbose($"Session '{session.Name}' ({session.Provider}) is now the default.");
            if (PassThru)
            {
                WriteObject(SessionStamp.ForOutput(session));
            }
        }
    }
}
