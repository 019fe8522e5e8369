using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>What a wait reports as it goes.</summary>
    public interface IPrivacyJobWaitObserver
    {
        /// <summary>The job reached complete or error.</summary>
        void Finished(PrivacyJob job);

        /// <summary>The job could not be read (unknown id, refused, …); it is no longer polled.</summary>
        void Failed(string jobId, PrivacyServiceException error);

        /// <summary>After each round: how many are finished, how many still pending, and when the next round starts.</summary>
        void Waiting(int finished, int total, IReadOnlyCollection<PrivacyJob> pending, TimeSpan nextPoll);
    }

    /// <summary>
    /// Polls jobs until each is complete or error, or the timeout passes: the first rounds after <c>PollInterval</c>,
    /// then twice as long each time up to <c>MaxPollInterval</c>. Cancelling stops it at once, even mid-wait.
    /// Jobs whose regulation is known are found by listing (GET /jobs for the regulation and their creation days, a
    /// thousand per page) while that takes fewer requests than reading them one by one; the few left, and jobs a listing
    /// did not show, are read one by one (GET /jobs/{id}).
    /// </summary>
    public sealed class PrivacyJobWaiter
    {
        private readonly Func<string, CancellationToken, Task<PrivacyJob>> _getJob;
        private readonly Func<PrivacyJobQuery, int, CancellationToken, Task<(IReadOnlyList<PrivacyJob> Jobs, long? TotalRecords)>>? _listPage;
        private readonly TimeProvider _time;
        private readonly Dictionary<string, long> _listCost = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

        public PrivacyJobWaiter(
            Func<string, CancellationToken, Task<PrivacyJob>> getJob,
            TimeProvider? time = null,
            Func<PrivacyJobQuery, int, CancellationToken, Task<(IReadOnlyList<PrivacyJob> Jobs, long? TotalRecords)>>? listPage = null)
        {
            _getJob = getJob ?? throw new ArgumentNullException(nameof(getJob));
            _listPage = listPage;
            _time = time ?? TimeProvider.System;
        }

        /// <summary>Jobs per list request: Adobe's guides allow up to 1000.</summary>
        public int ListPageSize { get; set; } = 1000;

        /// <summary>With this many or fewer pending jobs of a regulation, reading them one by one is cheaper than a listing.</summary>
        public int ReadSinglyUpTo { get; set; } = 3;

        /// <summary>Requests sent so far (list pages and single reads), for the trace and the tests.</summary>
        public long Requests { get; private set; }

        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Null: wait as long as it takes.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Returns the jobs still pending when the timeout passed (empty when all finished).</summary>
        public Task<IReadOnlyList<PrivacyJob>> WaitAsync(IEnumerable<string> jobIds, IPrivacyJobWaitObserver observer, CancellationToken cancellationToken) =>
            WaitAsync(jobIds.Select(id => new PrivacyJobRef(id)), observer, cancellationToken);

        /// <summary>Returns the jobs still pending when the timeout passed (empty when all finished).</summary>
        public async Task<IReadOnlyList<PrivacyJob>> WaitAsync(IEnumerable<PrivacyJobRef> jobs, IPrivacyJobWaitObserver observer, CancellationToken cancellationToken)
        {
            var pending = new Dictionary<string, PrivacyJob>(StringComparer.Ordinal);
            var refs = new Dictionary<string, PrivacyJobRef>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var job in jobs.Where(j => !string.IsNullOrWhiteSpace(j.JobId)))
            {
                var id = job.JobId.Trim();
                if (!pending.ContainsKey(id))
                {
                    pending[id] = new PrivacyJob { JobId = id, Regulation = job.Regulation, CreatedDate = job.CreatedDate };
                    refs[id] = job;
                    order.Add(id);
                }
            }

            var total = pending.Count;
            var deadline = Timeout.HasValue ? _time.GetUtcNow() + Timeout.Value : (DateTimeOffset?)null;
            var delay = PollInterval;
            while (true)
            {
                var listed = await ListAsync(pending, refs, observer, cancellationToken).ConfigureAwait(false);
                foreach (var id in order.Where(id => pending.ContainsKey(id) && !listed.Contains(id)).ToArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    PrivacyJob job;
                    try
                    {
                        Requests++;
                        job = await _getJob(id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (PrivacyServiceException ex)
                    {
                        pending.Remove(id);
                        observer.Failed(id, ex);
                        continue;
                    }

                    Update(pending, job, observer);
                }

                if (pending.Count == 0)
                {
                    return Array.Empty<PrivacyJob>();
                }

                var now = _time.GetUtcNow();
                if (deadline.HasValue && now >= deadline.Value)
                {
                    return order.Where(pending.ContainsKey).Select(id => pending[id]).ToArray();
                }

                var wait = deadline.HasValue && deadline.Value - now < delay ? deadline.Value - now : delay;
                // The timer starts before the report, so an observer that moves a fake clock on moves this wait too.
                var pause = _time.Delay(wait, cancellationToken);
                observer.Waiting(total - pending.Count, total, pending.Values.ToArray(), wait);
                await pause.ConfigureAwait(false);
                var longer = TimeSpan.FromTicks(delay.Ticks * 2);
                var cap = MaxPollInterval > PollInterval ? MaxPollInterval : PollInterval;
                delay = longer > cap ? cap : longer;
            }
        }

        private static void Update(Dictionary<string, PrivacyJob> pending, PrivacyJob job, IPrivacyJobWaitObserver observer)
        {
            if (PrivacyJob.IsFinished(job.Status))
            {
                pending.Remove(job.JobId);
                observer.Finished(job);
            }
            else
            {
                pending[job.JobId] = job;
            }
        }

        /// <summary>
        /// One listing per regulation that has more pending jobs than its listing costs in pages; returns the ids the listings
        /// showed (finished ones reported and removed). Pages stop once every pending job of the regulation was seen.
        /// </summary>
        private async Task<HashSet<string>> ListAsync(Dictionary<string, PrivacyJob> pending, Dictionary<string, PrivacyJobRef> refs, IPrivacyJobWaitObserver observer, CancellationToken cancellationToken)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (_listPage == null)
            {
                return seen;
            }

            var now = _time.GetUtcNow();
            foreach (var group in pending.Keys.Select(id => refs[id]).Where(r => r.Regulation != null).GroupBy(r => r.Regulation!, StringComparer.OrdinalIgnoreCase).ToArray())
            {
                var waiting = new HashSet<string>(group.Select(r => r.JobId), StringComparer.Ordinal);
                var cost = _listCost.TryGetValue(group.Key, out var known) ? known : 1;
                if (waiting.Count <= Math.Max(ReadSinglyUpTo, cost))
                {
                    continue;
                }

                var query = QueryFor(group.Key, group, now);
                long? totalRecords = null;
                for (var page = 0; waiting.Count > 0; page++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Requests++;
                    var (jobs, totalOnPage) = await _listPage(query, page, cancellationToken).ConfigureAwait(false);
                    totalRecords = totalOnPage ?? totalRecords;
                    foreach (var job in jobs)
                    {
                        if (waiting.Remove(job.JobId) && pending.ContainsKey(job.JobId))
                        {
                            seen.Add(job.JobId);
                            Update(pending, job, observer);
                        }
                    }

                    if (jobs.Count < query.PageSize)
                    {
                        break;
                    }
                }

                if (totalRecords.HasValue)
                {
                    _listCost[group.Key] = Math.Max(1, (totalRecords.Value + query.PageSize - 1) / query.PageSize);
                }

                PrivacyTrace.Verbose($"Listed {group.Key} jobs: {seen.Count} of {group.Count()} pending found{(waiting.Count > 0 ? $", {waiting.Count} not listed (read one by one)" : string.Empty)}.");
            }

            return seen;
        }

        /// <summary>The regulation's jobs from the day the oldest pending one was created (at most 30 days back, Adobe's limit) to today.</summary>
        private PrivacyJobQuery QueryFor(string regulation, IEnumerable<PrivacyJobRef> jobs, DateTimeOffset now)
        {
            var query = new PrivacyJobQuery(regulation) { PageSize = ListPageSize };
            var created = jobs.Where(j => j.CreatedDate.HasValue).Select(j => j.CreatedDate!.Value).ToArray();
            if (created.Length > 0)
            {
                var today = now.UtcDateTime.Date;
                var from = created.Min().UtcDateTime.Date;
                query.FromDate = from < today.AddDays(-30) ? today.AddDays(-30) : from;
                query.ToDate = today;
            }

            return query;
        }
    }
}
