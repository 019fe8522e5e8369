using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Http;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// Polls Adobe privacy jobs until each is complete or error (with growing intervals), or until -Timeout passes;
    /// emits each job as it finishes. Ctrl+C stops it at once.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "PrivacyJob", HelpUri = HelpLinks.Cmdlets + "Wait-PrivacyJob.md")]
    [OutputType(typeof(PrivacyJob))]
    public sealed class WaitPrivacyJobCommand : ApiCmdlet
    {
        private readonly List<PrivacyJobRef> _jobs = new List<PrivacyJobRef>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("Identity")]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>The jobs' regulation (bound from piped jobs): jobs with one are found by listing, a page per thousand, instead of one request each.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string? Regulation { get; set; }

        /// <summary>When the jobs were created (bound from piped jobs): narrows the listing to the days that hold them.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? CreatedDate { get; set; }

        /// <summary>Seconds to wait in all (like Wait-Job); by default, as long as it takes.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        /// <summary>Seconds before the second check; each later wait doubles, up to 5 minutes (or this value, if larger).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double PollInterval { get; set; } = 5;

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void ProcessRecord()
        {
            _jobs.AddRange(JobId.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => new PrivacyJobRef(id, Regulation, CreatedDate)));
        }

        protected override void EndProcessing()
        {
            if (_jobs.Count == 0)
            {
                return;
            }

            var client = CreateClient(AdobePrivacyJobsClient.For);

            var waiter = new PrivacyJobWaiter(client.GetAsync, listPage: (query, page, ct) => client.ListPageAsync(query, page, ct))
            {
                PollInterval = TimeSpan.FromSeconds(PollInterval),
                Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null,
            };
            WriteVerbose($"Waiting for {_jobs.Select(j => j.JobId).Distinct().Count()} jobs{(waiter.Timeout.HasValue ? $" for at most {Timeout} s" : string.Empty)}, first check now.");
            var pending = Run((pump, ct) => waiter.WaitAsync(_jobs, new Observer(pump), ct));
            WriteVerbose($"{waiter.Requests} request(s) to the Privacy Service while waiting.");
            WriteProgress(Observer.Progress.Completed());
            if (pending.Count > 0)
            {
                var names = string.Join(", ", pending.Take(10).Select(j => $"{j.JobId} ({j.UserKey ?? "?"}, {j.Status ?? "unknown"})")) + (pending.Count > 10 ? $" and {pending.Count - 10} more" : string.Empty);
                var message = $"{pending.Count} privacy job(s) did not finish within {Timeout} s: {names}. Run Wait-PrivacyJob again on them (the error's TargetObject holds them).";
                WriteError(ErrorRecords.TimedOut("PrivacyServices.Adobe.WaitTimeout", message, pending.Select(PrivacyJobOutput.ToPSObject).ToArray()));
            }
        }

        /// <summary>Reports from the waiter's thread; every write is posted to the pipeline thread.</summary>
        private sealed class Observer : IPrivacyJobWaitObserver
        {
            public static readonly ProgressActivity Progress = new ProgressActivity(ProgressIds.WaitPrivacyJob, "Waiting for Adobe privacy jobs");
            private readonly PipelinePump _pump;

            public Observer(PipelinePump pump) => _pump = pump;

            public void Finished(PrivacyJob job)
            {
                var output = PrivacyJobOutput.ToPSObject(job);
                _pump.Post(c => c.WriteObject(c is ApiCmdlet api ? api.MarkWithSession(output) : output));
                PrivacyJobOutput.WarnAboutUnreadable(job, warning => _pump.Post(c => c.WriteWarning(warning)));
                if (!string.Equals(job.Status, "complete", StringComparison.OrdinalIgnoreCase))
                {
                    var products = string.Join("; ", job.ProductResponses.Select(p => p.ToString() + (string.IsNullOrEmpty(p.ResponseMsgDetail) ? string.Empty : " " + p.ResponseMsgDetail)));
                    _pump.Post(c => c.WriteWarning($"Job {job.JobId} ({job.UserKey}, {job.Action}) ended with status '{job.Status}'{(products.Length > 0 ? ": " + products : ".")}"));
                }
            }

            public void Failed(string jobId, PrivacyServiceException error) => _pump.Post(c => c.WriteError(ErrorRecords.From(error, jobId, c as PSCmdlet)));

            public void Waiting(int finished, int total, IReadOnlyCollection<PrivacyJob> pending, TimeSpan nextPoll)
            {
                var statuses = string.Join(", ", pending.GroupBy(j => j.Status ?? "unknown").Select(g => $"{g.Count()} {g.Key}"));
                var record = Progress.Status($"{finished} of {total} finished; {statuses}; next check in {nextPoll.TotalSeconds:0.#} s", (int)(100L * finished / Math.Max(1, total)));
                _pump.Post(c => c.WriteProgress(record));
            }
        }
    }
}
