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
    /// </summary>
    public sealed class PrivacyJobWaiter
    {
        private readonly Func<string, CancellationToken, Task<PrivacyJob>> _getJob;
        private readonly TimeProvider _time;

        public PrivacyJobWaiter(Func<string, CancellationToken, Task<PrivacyJob>> getJob, TimeProvider? time = null)
        {
            _getJob = getJob ?? throw new ArgumentNullException(nameof(getJob));
            _time = time ?? TimeProvider.System;
        }

        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Null: wait as long as it takes.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Returns the jobs still pending when the timeout passed (empty when all finished).</summary>
        public async Task<IReadOnlyList<PrivacyJob>> WaitAsync(IEnumerable<string> jobIds, IPrivacyJobWaitObserver observer, CancellationToken cancellationToken)
        {
            var pending = new Dictionary<string, PrivacyJob>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var id in jobIds.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()))
            {
                if (!pending.ContainsKey(id))
                {
                    pending[id] = new PrivacyJob { JobId = id };
                    order.Add(id);
                }
            }

            var total = pending.Count;
            var deadline = Timeout.HasValue ? _time.GetUtcNow() + Timeout.Value : (DateTimeOffset?)null;
            var delay = PollInterval;
            while (true)
            {
                foreach (var id in order.Where(pending.ContainsKey).ToArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    PrivacyJob job;
                    try
                    {
                        job = await _getJob(id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (PrivacyServiceException ex)
                    {
                        pending.Remove(id);
                        observer.Failed(id, ex);
                        continue;
                    }

                    if (PrivacyJob.IsFinished(job.Status))
                    {
                        pending.Remove(id);
                        observer.Finished(job);
                    }
                    else
                    {
                        pending[id] = job;
                    }
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
    }
}
