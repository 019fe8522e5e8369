using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// Sends Adobe opt-out-of-sale requests (POST /consent) for identities given as parameters or piped rows (Namespace,
    /// Value: Import-Csv works as is), at most 1000 per request. Adobe accepts them with 202 and returns nothing to follow,
    /// so the cmdlet writes one result per request: what it carried and whether it was accepted.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "PrivacyOptOut", HelpUri = HelpLinks.Cmdlets + "Submit-PrivacyOptOut.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OptOutOfSaleResult))]
    public sealed class SubmitPrivacyOptOutCommand : ApiCmdlet
    {
        private readonly List<OptOutIdentity> _identities = new List<OptOutIdentity>();
        private readonly HashSet<OptOutIdentity> _seen = new HashSet<OptOutIdentity>();

        /// <summary>The identity namespace (email, ECID, …).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdNamespace")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string Namespace { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Email", "UserId", "IdValue")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string Value { get; set; } = string.Empty;

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void BeginProcessing() => CreateClient(AdobePrivacyJobsClient.For);

        protected override void ProcessRecord()
        {
            var identity = new OptOutIdentity(Namespace, Value);
            if (identity.Namespace.Length == 0 || identity.Value.Length == 0)
            {
                WriteError(ErrorRecords.InvalidArgument("PrivacyServices.Adobe.OptOutIdentityBlank", identity.Namespace.Length == 0 ? nameof(Namespace) : nameof(Value),
                    "An identity needs a namespace and a value; this one was not sent.", identity));
                return;
            }

            if (_seen.Add(identity))
            {
                _identities.Add(identity);
            }
        }

        protected override void EndProcessing()
        {
            var client = CreateClient(AdobePrivacyJobsClient.For);
            var requests = _identities
                .Select((identity, index) => (identity, index))
                .GroupBy(x => x.index / AdobePrivacyJobsClient.MaxIdentitiesPerOptOut, x => x.identity)
                .Select(g => (IReadOnlyList<OptOutIdentity>)g.ToList())
                .ToList();
            WriteVerbose($"{_identities.Count} distinct identities to opt out of sale in {requests.Count} request(s) of at most {AdobePrivacyJobsClient.MaxIdentitiesPerOptOut}.");
            var accepted = 0;
            for (var i = 0; i < requests.Count; i++)
            {
                var identities = requests[i];
                var label = $"Request {i + 1} of {requests.Count}";
                var target = identities.Count == 1 ? identities[0].ToString() : $"{identities.Count} identities ({identities[0]} … {identities[identities.Count - 1]})";
                if (!ShouldProcess(target, "Opt out of the sale or sharing of personal data"))
                {
                    continue;
                }

                if (TryRun(ct => client.OptOutOfSaleAsync(identities, label, ct), identities.ToArray(), out var result))
                {
                    accepted += result.Accepted ? result.IdentityCount : 0;
                    WriteObject(result);
                }
            }

            WriteVerbose($"{accepted} of {_identities.Count} identities accepted for opt-out of sale.");
        }
    }
}
