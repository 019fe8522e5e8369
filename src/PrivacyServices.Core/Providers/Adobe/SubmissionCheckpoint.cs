using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// A local record of a submission, for machines that keep their files (Hybrid Runbook Workers): one JSON line before
    /// each request ("sending", with its users) and one after ("done" with the jobs it created, or "failed" when the service
    /// refused it). A rerun reads it back: users with a job recorded are not sent again, without asking the service; users
    /// of a request that was sending when the run died are in doubt (the service may have acted), so the caller checks
    /// them with the service before sending.
    /// </summary>
    public sealed class SubmissionCheckpoint
    {
        private readonly object _lock = new object();
        private readonly string _path;
        private readonly Dictionary<(string UserKey, string Action), PrivacyJob> _done = new Dictionary<(string, string), PrivacyJob>();
        private readonly HashSet<string> _inDoubt = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Tells this run's requests from an earlier run's with the same label.</summary>
        private readonly string _run = Guid.NewGuid().ToString("N");

        private SubmissionCheckpoint(string path) => _path = path;

        public int Recorded => _done.Count;

        /// <summary>Users whose request was in flight when an earlier run stopped.</summary>
        public IReadOnlyCollection<string> InDoubt => _inDoubt;

        public static SubmissionCheckpoint Open(string path, string regulation)
        {
            var checkpoint = new SubmissionCheckpoint(path);
            if (!File.Exists(path))
            {
                return checkpoint;
            }

            var sending = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                JObject entry;
                try
                {
                    entry = JObject.Parse(line);
                }
                catch (JsonException) when (IsLastLine(path, lineNumber))
                {
                    continue; // a line cut short when the earlier run was killed mid-write
                }
                catch (JsonException ex)
                {
                    throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Adobe.StateFileInvalid",
                        $"The state file {path} is not a submission record (line {lineNumber}: {ex.Message}).", parameter: "StatePath", innerException: ex);
                }

                if (!string.Equals((string?)entry["regulation"], regulation, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var request = (string?)entry["run"] + "/" + (string?)entry["request"];
                switch ((string?)entry["event"])
                {
                    case "sending":
                        sending[request] = entry["users"]?.Select(u => (string)u!).ToArray() ?? Array.Empty<string>();
                        break;
                    case "done":
                        sending.Remove(request);
                        foreach (var job in (entry["jobs"] as JArray ?? new JArray()).OfType<JObject>())
                        {
                            var recorded = new PrivacyJob { JobId = (string)job["jobId"]!, UserKey = (string?)job["userKey"], Action = (string?)job["action"], Regulation = regulation };
                            if (recorded.UserKey != null && recorded.Action != null)
                            {
                                checkpoint._done[(recorded.UserKey, recorded.Action.ToLowerInvariant())] = recorded;
                            }
                        }

                        break;
                    case "failed":
                        sending.Remove(request);
                        break;
                }
            }

            // A user of a request that never finished is in doubt unless a later request recorded a job for them.
            var usersWithJobs = new HashSet<string>(checkpoint._done.Keys.Select(k => k.UserKey), StringComparer.Ordinal);
            foreach (var user in sending.Values.SelectMany(u => u).Where(u => !usersWithJobs.Contains(u)))
            {
                checkpoint._inDoubt.Add(user);
            }

            return checkpoint;
        }

        public PrivacyJob? Find(string userKey, string action) =>
            _done.TryGetValue((userKey, action.ToLowerInvariant()), out var job) ? job : null;

        public bool IsInDoubt(string userKey) => _inDoubt.Contains(userKey);

        public void Sending(string regulation, string request, IEnumerable<PrivacyUser> users, IEnumerable<string> actions) =>
            Append(new JObject { ["event"] = "sending", ["run"] = _run, ["regulation"] = regulation, ["request"] = request, ["at"] = DateTimeOffset.UtcNow.ToString("o"), ["actions"] = new JArray(actions), ["users"] = new JArray(users.Select(u => u.Key)) });

        public void Done(string regulation, string request, IEnumerable<PrivacyJob> jobs) =>
            Append(new JObject { ["event"] = "done", ["run"] = _run, ["regulation"] = regulation, ["request"] = request, ["at"] = DateTimeOffset.UtcNow.ToString("o"), ["jobs"] = new JArray(jobs.Select(j => new JObject { ["jobId"] = j.JobId, ["userKey"] = j.UserKey, ["action"] = j.Action })) });

        public void Failed(string regulation, string request, int status) =>
            Append(new JObject { ["event"] = "failed", ["run"] = _run, ["regulation"] = regulation, ["request"] = request, ["at"] = DateTimeOffset.UtcNow.ToString("o"), ["status"] = status });

        /// <summary>One line per event, flushed to disk before the request it announces goes out.</summary>
        private void Append(JObject entry)
        {
            var line = entry.ToString(Formatting.None) + "\n";
            lock (_lock)
            {
                using (var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
                {
                    var bytes = Encoding.UTF8.GetBytes(line);
                    file.Write(bytes, 0, bytes.Length);
                    file.Flush(flushToDisk: true);
                }
            }
        }

        private static bool IsLastLine(string path, int lineNumber) => File.ReadLines(path).Count() == lineNumber;
    }
}
