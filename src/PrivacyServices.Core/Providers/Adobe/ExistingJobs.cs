using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// The jobs a regulation already has in a window of days, by user and action, read by listing (a thousand per request,
    /// so the cost follows the jobs in the window, not the users being submitted). Failed jobs do not count: a user whose
    /// job failed is submitted again. This is what lets a runbook that Azure Automation restarts from the top run again
    /// without creating every job twice.
    /// </summary>
    public sealed class ExistingJobs
    {
        /// <summary>Adobe lists at most 30 days at a time.</summary>
        public const int MaxDays = 30;

        private readonly Dictionary<(string UserKey, string Action), PrivacyJob> _jobs;

        private ExistingJobs(Dictionary<(string, string), PrivacyJob> jobs, int requests, int listed)
        {
            _jobs = jobs;
            Requests = requests;
            Listed = listed;
        }

        /// <summary>List requests made.</summary>
        public int Requests { get; }

        /// <summary>Jobs the window held, failed ones included.</summary>
        public int Listed { get; }

        public static async Task<ExistingJobs> FindAsync(AdobePrivacyJobsClient client, string regulation, int days, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (days < 1 || days > MaxDays)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Adobe.ExistingSinceOutOfRange",
                    $"ExistingSince must be 1 to {MaxDays} days (Adobe lists at most {MaxDays} days at a time); {days} is not.", parameter: "ExistingSince");
            }

            var today = now.UtcDateTime.Date;
            var query = new PrivacyJobQuery(regulation) { FromDate = today.AddDays(-days), ToDate = today, PageSize = 1000 };
            var jobs = new Dictionary<(string, string), PrivacyJob>();
            var requests = 0;
            var listed = 0;
            for (var page = 0; ; page++)
            {
                var (found, _) = await client.ListPageAsync(query, page, cancellationToken).ConfigureAwait(false);
                requests++;
                listed += found.Count;
                foreach (var job in found.Where(j => j.UserKey != null && j.Action != null && !string.Equals(j.Status, "error", StringComparison.OrdinalIgnoreCase)))
                {
                    jobs[(job.UserKey!, job.Action!.ToLowerInvariant())] = job;
                }

                if (found.Count < query.PageSize)
                {
                    break;
                }
            }

            PrivacyTrace.Verbose($"{listed} {regulation} jobs since {query.FromDate:yyyy-MM-dd} in {requests} list request(s); {jobs.Count} are not failed.");
            return new ExistingJobs(jobs, requests, listed);
        }

        /// <summary>The user's job for the action, when one exists and did not fail.</summary>
        public PrivacyJob? Find(string userKey, string action) =>
            _jobs.TryGetValue((userKey, action.ToLowerInvariant()), out var job) ? job : null;
    }
}
