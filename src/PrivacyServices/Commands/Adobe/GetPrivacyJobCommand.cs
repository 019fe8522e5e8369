using System;
using System.Collections.Generic;
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
        [Alias("Identity")]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
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

        /// <summary>Lists a -Regulation that Adobe does not document, as given (by default it is refused, with the closest known one suggested).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Jobs per request (1–1000).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        /// <summary>
        /// How many jobs are read at once by id (default 4, as New-PrivacyJob); a 429 narrows it. Jobs are written as they
        /// are read, not in input order; -ThrottleLimit 1 keeps the order.
        /// </summary>
        [Parameter(ParameterSetName = ByIdSet)]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = NewPrivacyJobCommand.DefaultThrottleLimit;

        private readonly List<string> _queued = new List<string>();
        private AdaptiveConcurrency? _concurrency;

        /// <summary>Ids are read in groups of this many per -ThrottleLimit slot, so piped ids keep flowing.</summary>
        private const int IdsPerThrottleSlot = 8;

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void ProcessRecord()
        {
            var client = CreateClient(AdobePrivacyJobsClient.For);

            if (ParameterSetName == ListSet)
            {
                List(client);
                return;
            }

            _queued.AddRange(JobId);
            if (_queued.Count >= ThrottleLimit * IdsPerThrottleSlot)
            {
                ReadQueued(client);
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ByIdSet && _queued.Count > 0)
            {
                ReadQueued(CreateClient(AdobePrivacyJobsClient.For));
            }
        }

        /// <summary>Reads the queued ids, up to -ThrottleLimit at once; each job (or its error) is written as it arrives.</summary>
        private void ReadQueued(AdobePrivacyJobsClient client)
        {
            var ids = _queued.ToArray();
            _queued.Clear();
            _concurrency ??= new AdaptiveConcurrency(ThrottleLimit);
            Run(async (pump, ct) =>
            {
                await Concurrently.RunAsync(ids, _concurrency, async (id, token) =>
                {
                    try
                    {
                        var job = await client.GetAsync(id, token).ConfigureAwait(false);
                        pump.Post(c =>
                        {
                            var cmdlet = (GetPrivacyJobCommand)c;
                            cmdlet.WriteObject(PrivacyJobOutput.ToPSObject(job));
                            PrivacyJobOutput.WarnAboutUnreadable(job, cmdlet.WriteWarning);
                        });
                    }
                    catch (PrivacyServiceException ex)
                    {
                        pump.Post(c => c.WriteError(ErrorRecords.From(ex, id, (PSCmdlet)c)));
                    }
                }, ct).ConfigureAwait(false);
                return ids.Length;
            });
        }

        /// <summary>One request per page; the next page is requested while the current one is written.</summary>
        private void List(AdobePrivacyJobsClient client)
        {
            string regulation;
            try
            {
                regulation = Regulations.Check(Regulation, Force);
            }
            catch (PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, Regulation, this));
                return;
            }

            var query = new PrivacyJobQuery(regulation)
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
            PageAhead<IReadOnlyList<PrivacyJob>>? ahead = null;
            while (pager.HasMore || ahead != null)
            {
                WriteProgress(progress.Status($"Page {listed / Math.Max(1, query.PageSize) + 1}: {listed} jobs so far{(pager.TotalRecords.HasValue ? " of " + pager.TotalRecords : string.Empty)}"));
                var fetched = ahead;
                ahead = null;
                IReadOnlyList<PrivacyJob> page;
                var ok = fetched == null ? TryRun(ct => pager.NextPageAsync(ct), query.Regulation, out page) : TryRun(ct => fetched.Task, query.Regulation, out page);
                fetched?.ShowTrace(this);
                if (!ok)
                {
                    break;
                }

                // The next page is on its way while this one is written (one page ahead: the pager is only touched by that request now).
                if (pager.HasMore)
                {
                    ahead = new PageAhead<IReadOnlyList<PrivacyJob>>(ct => pager.NextPageAsync(ct), ShowsTrace(), StopToken);
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
