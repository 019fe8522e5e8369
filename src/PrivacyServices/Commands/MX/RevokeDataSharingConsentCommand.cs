using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// Revokes MX data-sharing consents (PUT …/consent_management/{id}/disable_app_sharing): the app loses access to every
    /// account of the consent. Writes each consent as MX has it afterwards. Asks for confirmation: it cannot be undone here.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "DataSharingConsent", HelpUri = HelpLinks.Cmdlets + "Revoke-DataSharingConsent.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DataSharingConsent))]
    public sealed class RevokeDataSharingConsentCommand : ApiCmdlet
    {
        /// <summary>The consent id (cns-…); binds from piped consents.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("Identity")]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        protected override PrivacyProvider? Vendor => PrivacyProvider.MX;

        protected override void ProcessRecord()
        {
            var client = CreateClient(MxConsentsClient.For);
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Revoke the data-sharing consent (the app loses access to its accounts)"))
                {
                    continue;
                }

                if (TryRun(ct => client.RevokeAsync(id, ct), id, out var consent))
                {
                    WriteVerbose($"Consent {consent.Id} ({consent.ApplicationName}) revoked{(consent.RevokedAt.HasValue ? " at " + consent.RevokedAt.Value.ToString("u") : string.Empty)}.");
                    WriteObject(consent);
                }
            }
        }
    }
}
