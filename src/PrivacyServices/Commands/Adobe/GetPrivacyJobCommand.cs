using System;
using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Http;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Reads Adobe privacy jobs by id (also piped from New-PrivacyJob), or lists a regulation's jobs page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "PrivacyJob", HelpUri = HelpLinks.Cmdlets + "Get-PrivacyJob.md", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(PrivacyJob))]
    public sealed class GetPrivacyJobCommand : ApiCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ListSet = "List";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string Regulation { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("submitted", "processing", "complete", "error", IgnoreCase = true)]
        public string? Status { get; set; }

        /// <summary>First day (GMT) of the range; Adobe needs -ToDate with it, a span of at most 30 days within the last 45.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime FromDate { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime ToDate { get; set; }

        /// <summary>Jobs per request (1–1000).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void ProcessRecord()
        {
            var client = CreateClient(AdobePrivacyJobsClient.For);

            if (ParameterSetName == ListSet)
            {
                List(client);
                return;
            }

            foreach (var id in JobId)
            {
                if (TryRun(ct => client.GetAsync(id, ct), id, out var job))
                {
                    WriteObject(PrivacyJobOutput.ToPSObject(job));
                    PrivacyJobOutput.WarnAboutUnreadable(job, WriteWarning);
                }
            }
        }

        /// <summary>One request per page, and the page's jobs written before the next is asked for.</summary>
        private void List(AdobePrivacyJobsClient client)
        {
            var query = new PrivacyJobQuery(Regulation)
            {
                Status = Status?.ToLowerInvariant(),
                FromDate = MyInvocation.BoundParameters.ContainsKey(nameof(FromDate)) ? FromDate : (DateTime?)null,
                ToDate = MyInvocation.BoundParameters.ContainsKey(nameof(ToDate)) ? ToDate : (DateTime?)null,
                PageSize = PageSize,
            };
            PrivacyJobPager pager;
            try
            {
                pager = new PrivacyJobPager(client, query);
            }
            catch (PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, query.Regulation, this));
                return;
            }

            var progress = new ProgressActivity(ProgressIds.ListPrivacyJobs, $"Listing Adobe privacy jobs ({query.Regulation})");
            var listed = 0;
            while (pager.HasMore)
            {
                WriteProgress(progress.Status($"Page {pager.Page + 1}: {listed} jobs so far{(pager.TotalRecords.HasValue ? " of " + pager.TotalRecords : string.Empty)}"));
                if (!TryRun(ct => pager.NextPageAsync(ct), query.Regulation, out var page))
                {
                    break;
                }

                foreach (var job in page)
                {
                    WriteObject(PrivacyJobOutput.ToPSObject(job));
                    PrivacyJobOutput.WarnAboutUnreadable(job, WriteWarning);
                }

                listed += page.Count;
            }

            WriteVerbose($"Listed {listed} {query.Regulation} jobs in {pager.Page} page(s).");
            WriteProgress(progress.Completed());
        }
    }
}
