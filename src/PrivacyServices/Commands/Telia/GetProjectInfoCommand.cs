using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Reads a Telia project's configuration (GET {ApiBaseUri}/{projectId}/configurations/projectInfo).</summary>
    [Cmdlet(VerbsCommon.Get, "ProjectInfo", HelpUri = HelpLinks.Cmdlets + "Get-ProjectInfo.md")]
    [OutputType(typeof(ProjectInfo))]
    public sealed class GetProjectInfoCommand : ApiCmdlet
    {
        /// <summary>Defaults to the session's -ProjectId.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string[]? ProjectId { get; set; }

        protected override PrivacyProvider? Vendor => PrivacyProvider.Telia;

        protected override void ProcessRecord()
        {
            var session = ApiSession;
            var projectIds = ProjectId ?? new[] { session.SettingsOf<PrivacyServices.Providers.Telia.TeliaSettings>().ProjectId! };
            if (projectIds[0] == null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.Telia.ProjectIdMissing",
                    nameof(ProjectId),
                    "No project id: give -ProjectId here, or to Connect-PrivacyService.",
                    session));
            }

            var client = CreateClient(s => new TeliaProjectsClient(s.Http));
            foreach (var projectId in projectIds)
            {
                if (TryRun(ct => client.GetProjectInfoAsync(projectId, ct), projectId, out var info))
                {
                    var output = info.MapSubscriptions(PlainObjects.ToPSValue);
                    WriteObject(PlainObjects.WithExtraProperties(output, output.AdditionalProperties));
                }
            }
        }
    }
}
