using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// What New-PrivacyJob has done with its users, so whatever stops it (Ctrl+C, a terminating error) can say what was
    /// sent, which requests were in flight and may or may not have created jobs, and what was never sent. Requests run
    /// concurrently, so every change is made under a lock.
    /// </summary>
    internal sealed class BatchAccount
    {
        private readonly object _lock = new object();
        private readonly List<IReadOnlyList<PrivacyUser>> _waiting = new List<IReadOnlyList<PrivacyUser>>();
        private readonly List<(string Label, IReadOnlyList<PrivacyUser> Users)> _inFlight = new List<(string, IReadOnlyList<PrivacyUser>)>();
        private int _usersSent;
        private int _requestsAnswered;
        private int _jobsEmitted;

        public int UsersSent { get { lock (_lock) { return _usersSent; } } }

        /// <summary>Users read but not sent yet: the batches still to go.</summary>
        public IReadOnlyList<PrivacyUser> NeverSent { get { lock (_lock) { return _waiting.SelectMany(b => b).ToList(); } } }

        /// <summary>Users of the requests sent but not answered: they may or may not have jobs.</summary>
        public IReadOnlyList<PrivacyUser> InFlightUsers { get { lock (_lock) { return _inFlight.SelectMany(b => b.Users).ToList(); } } }

        public void Waiting(IEnumerable<IReadOnlyList<PrivacyUser>> batches)
        {
            lock (_lock)
            {
                _waiting.AddRange(batches);
            }
        }

        public void Sending(string label, IReadOnlyList<PrivacyUser> batch)
        {
            lock (_lock)
            {
                _waiting.Remove(batch);
                _inFlight.Add((label, batch));
            }
        }

        /// <summary>The request came back (with jobs, or with an error that was reported on its users).</summary>
        public void Answered(IReadOnlyList<PrivacyUser> batch, int jobs)
        {
            lock (_lock)
            {
                _inFlight.RemoveAll(b => ReferenceEquals(b.Users, batch));
                _usersSent += batch.Count;
                _requestsAnswered++;
                _jobsEmitted += jobs;
            }
        }

        public bool HasWork
        {
            get { lock (_lock) { return _usersSent > 0 || _inFlight.Count > 0 || _waiting.Count > 0; } }
        }

        public string Describe(string why)
        {
            lock (_lock)
            {
                var neverSent = _waiting.SelectMany(b => b).ToList();
                var inFlight = _inFlight.Count == 0
                    ? "no request was in flight"
                    : string.Join("; ", _inFlight.Select(b => $"{b.Label} ({b.Users.Count} users, {Keys(b.Users)})")) +
                      (_inFlight.Count == 1 ? " was" : " were") + " in flight and may or may not have created jobs: look them up with Get-PrivacyJob before sending them again";
                return $"New-PrivacyJob {why}: {_usersSent} users were sent in {_requestsAnswered} answered request(s) and their {_jobsEmitted} job(s) written out; " +
                       $"{inFlight}; {neverSent.Count} users were never sent{(neverSent.Count == 0 ? string.Empty : " (" + Keys(neverSent) + "; the error's target holds them)")}.";
            }
        }

        private static string Keys(IReadOnlyList<PrivacyUser> users) =>
            string.Join(", ", users.Take(3).Select(u => "'" + u.Key + "'")) + (users.Count > 3 ? $" … '{users[users.Count - 1].Key}'" : string.Empty);
    }
}
