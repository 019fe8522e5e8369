using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// What New-PrivacyJob has done with its users, so whatever stops it (Ctrl+C, a terminating error) can say what was
    /// sent, which request was in flight and may or may not have created jobs, and what was never sent.
    /// </summary>
    internal sealed class BatchAccount
    {
        private readonly List<IReadOnlyList<PrivacyUser>> _waiting = new List<IReadOnlyList<PrivacyUser>>();

        public int UsersSent { get; private set; }
        public int RequestsAnswered { get; private set; }
        public int JobsEmitted { get; private set; }
        public IReadOnlyList<PrivacyUser>? InFlight { get; private set; }
        public string? InFlightLabel { get; private set; }

        /// <summary>Users read but not sent yet: the batches still to go.</summary>
        public IReadOnlyList<PrivacyUser> NeverSent => _waiting.SelectMany(b => b).ToList();

        public void Waiting(IEnumerable<IReadOnlyList<PrivacyUser>> batches) => _waiting.AddRange(batches);

        public void Sending(string label, IReadOnlyList<PrivacyUser> batch)
        {
            _waiting.Remove(batch);
            InFlight = batch;
            InFlightLabel = label;
        }

        /// <summary>The request came back (with jobs, or with an error that was reported on its users).</summary>
        public void Answered(int jobs)
        {
            UsersSent += InFlight?.Count ?? 0;
            RequestsAnswered++;
            JobsEmitted += jobs;
            InFlight = null;
            InFlightLabel = null;
        }

        /// <summary>Skipped (-WhatIf, or No to -Confirm): neither sent nor waiting.</summary>
        public void Skipped(IReadOnlyList<PrivacyUser> batch) => _waiting.Remove(batch);

        public bool HasWork => UsersSent > 0 || InFlight != null || _waiting.Count > 0;

        public string Describe(string why)
        {
            var neverSent = NeverSent;
            var inFlight = InFlight == null
                ? "no request was in flight"
                : $"{InFlightLabel} ({InFlight.Count} users, {Keys(InFlight)}) was in flight and may or may not have created jobs: look them up with Get-PrivacyJob before sending them again";
            return $"New-PrivacyJob {why}: {UsersSent} users were sent in {RequestsAnswered} answered request(s) and their {JobsEmitted} job(s) written out; " +
                   $"{inFlight}; {neverSent.Count} users were never sent{(neverSent.Count == 0 ? string.Empty : " (" + Keys(neverSent) + "; the error's target holds them)")}.";
        }

        private static string Keys(IReadOnlyList<PrivacyUser> users) =>
            string.Join(", ", users.Take(3).Select(u => "'" + u.Key + "'")) + (users.Count > 3 ? $" … '{users[users.Count - 1].Key}'" : string.Empty);
    }
}
