using System;
using System.Linq;
using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Lists the MX data-sharing consents of the session's customer: which apps see which accounts, and which consents were revoked.</summary>
    [Cmdlet(VerbsCommon.Get, "DataSharingConsent", HelpUri = HelpLinks.Cmdlets + "Get-DataSharingConsent.md")]
    [OutputType(typeof(DataSharingConsent))]
    public sealed class GetDataSharingConsentCommand : ApiCmdlet
    {
        /// <summary>Only these consents (ids such as cns-1001); an id that is not listed is an error.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [Alias("Identity")]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Leaves out revoked consents.</summary>
        [Parameter]
        public SwitchParameter Active { get; set; }

        protected override PrivacyProvider? Vendor => PrivacyProvider.MX;

        protected override void EndProcessing()
        {
            var client = CreateClient(MxConsentsClient.For);
            if (!TryRun(ct => client.ListAsync(ct), null, out var consents))
            {
                return;
            }

            WriteVerbose($"MX lists {consents.Count} consent(s) for this customer, {consents.Count(c => c.IsRevoked)} revoked.");
            foreach (var consent in consents)
            {
                if ((Id == null || Id.Contains(consent.Id, StringComparer.OrdinalIgnoreCase)) && !(Active && consent.IsRevoked))
                {
                    WriteObject(consent);
                }
            }

            foreach (var missing in (Id ?? Array.Empty<string>()).Where(id => !consents.Any(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))))
            {
                WriteError(ErrorRecords.NotFound("PrivacyServices.MX.ConsentNotFound", $"No consent with id {missing} is listed for this customer.", missing));
            }
        }
    }
}
