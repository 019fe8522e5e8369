using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>What one POST /jobs created, and the (user, action) pairs it should have created but did not mention.</summary>
    public sealed class PrivacyJobBatchResult
    {
        public PrivacyJobBatchResult(string? requestId, IReadOnlyList<PrivacyJob> jobs, IReadOnlyList<string> missing)
        {
            RequestId = requestId;
            Jobs = jobs;
            Missing = missing;
        }

        public string? RequestId { get; }
        public IReadOnlyList<PrivacyJob> Jobs { get; }

        /// <summary>"key/action" pairs sent but absent from the response.</summary>
        public IReadOnlyList<string> Missing { get; }
    }

    /// <summary>
    /// Reads the Privacy Service's JSON defensively: the job array is <c>jobs</c> (guides) or <c>jobDetails</c> (spec),
    /// the download link <c>downloadURL</c> or <c>downloadUrl</c>, dates Adobe's <c>MM/dd/yyyy hh:mm tt GMT</c> or ISO 8601,
    /// actions a string or an array. Unknown fields are kept.
    /// </summary>
    public static class AdobeJobReader
    {
        private static readonly HashSet<string> KnownJobFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "jobId", "requestId", "userKey", "action", "status", "submittedBy", "createdDate", "lastModifiedDate",
            "userIds", "productResponses", "downloadUrl", "regulation",
        };

        /// <param name="apiBase">Resolves a relative downloadUrl (Adobe's own service) against the API base.</param>
        public static PrivacyJob ReadJob(JObject json, string? regulation = null, Uri? apiBase = null)
        {
            var extras = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in json.Properties())
            {
                if (!KnownJobFields.Contains(property.Name))
                {
                    extras[property.Name] = PlainJson.ToPlain(property.Value);
                }
            }

            var jobId = Text(json, "jobId");
            if (string.IsNullOrEmpty(jobId))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Adobe.JobIdMissing", "The Privacy Service returned a job without a jobId.");
            }

            var notes = new List<string>();
            return new PrivacyJob
            {
                Notes = notes,
                JobId = jobId!,
                RequestId = Text(json, "requestId"),
                UserKey = Text(json, "userKey"),
                Action = Action(Field(json, "action")),
                Regulation = Text(json, "regulation") ?? regulation,
                Status = Text(json, "status"),
                SubmittedBy = Text(json, "submittedBy"),
                CreatedDate = Date(json, "createdDate", extras),
                LastModifiedDate = Date(json, "lastModifiedDate", extras),
                UserIds = new ReadableList<PrivacyUserId>(UserIds(Field(json, "userIds"))),
                ProductResponses = (Field(json, "productResponses") as JArray)?.OfType<JObject>().Select(r => ReadProductResponse(r, notes)).ToList() is { } responses
                    ? new ReadableList<PrivacyProductResponse>(responses)
                    : ReadableList<PrivacyProductResponse>.Empty,
                DownloadUri = DownloadUrl(Text(json, "downloadUrl"), apiBase, extras, notes),
                AdditionalProperties = extras,
            };
        }

        public static PrivacyProductResponse ReadProductResponse(JObject json) => ReadProductResponse(json, null);

        private static PrivacyProductResponse ReadProductResponse(JObject json, List<string>? notes)
        {
            var status = Field(json, "productStatusResponse") as JObject ?? new JObject();
            var retry = Field(json, "retryCount");
            return new PrivacyProductResponse
            {
                Product = Text(json, "product"),
                RetryCount = (int?)WholeNumber(retry, "retryCount", int.MinValue, int.MaxValue, notes),
                ProcessedDate = AdobeDate.Read(Field(json, "processedDate")),
                Status = Text(status, "status"),
                Message = Text(status, "message"),
                ResponseMsgCode = Text(status, "responseMsgCode"),
                ResponseMsgDetail = Text(status, "responseMsgDetail"),
                Results = PlainJson.ToPlain(Field(status, "results")),
            };
        }

        /// <summary>The 202 answer to POST /jobs: one job per user per action.</summary>
        public static PrivacyJobBatchResult ReadCreated(JObject json, PrivacyJobOptions options, IReadOnlyList<PrivacyUser> users)
        {
            var entries = (Field(json, "jobs") ?? Field(json, "jobDetails")) as JArray
                ?? throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    "PrivacyServices.Adobe.UnexpectedShape",
                    "The answer to POST /jobs holds neither 'jobs' nor 'jobDetails'.");
            var requestId = Text(json, "requestId");
            var usersByKey = new Dictionary<string, PrivacyUser>(StringComparer.Ordinal);
            foreach (var user in users)
            {
                usersByKey[user.Key] = user;
            }

            var expected = new HashSet<string>(users.SelectMany(u => options.Actions.Select(a => u.Key + "/" + a)), StringComparer.Ordinal);
            var jobs = new List<PrivacyJob>();
            foreach (var entry in entries.OfType<JObject>())
            {
                var user = Field(Field(entry, "customer") as JObject, "user") as JObject;
                var key = Text(user, "key") ?? Text(entry, "userKey");
                var job = ReadJob(entry, options.Regulation);
                job.UserKey = key;
                job.Action = Action(Field(user, "action") ?? Field(entry, "action"));
                job.RequestId = job.RequestId ?? requestId;
                job.Status = job.Status ?? "submitted";
                var ids = UserIds(Field(user, "userIDs"));
                job.UserIds = new ReadableList<PrivacyUserId>(ids.Length > 0 ? ids : key != null && usersByKey.TryGetValue(key, out var sent) ? sent.UserIds.ToArray() : Array.Empty<PrivacyUserId>());
                job.AdditionalProperties = job.AdditionalProperties.Where(p => !string.Equals(p.Key, "customer", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
                foreach (var action in (job.Action ?? string.Empty).Split(','))
                {
                    expected.Remove(key + "/" + action);
                }

                jobs.Add(job);
            }

            return new PrivacyJobBatchResult(requestId, jobs, expected.ToArray());
        }

        /// <summary>A GET /jobs page: its jobs and the <c>totalRecords</c> the service reported.</summary>
        public static (IReadOnlyList<PrivacyJob> Jobs, long? TotalRecords) ReadList(JObject json, string regulation, Uri? apiBase = null)
        {
            var entries = (Field(json, "jobDetails") ?? Field(json, "jobs")) as JArray ?? new JArray();
            var total = Field(json, "totalRecords");
            return (entries.OfType<JObject>().Select(e => ReadJob(e, regulation, apiBase)).ToArray(),
                WholeNumber(total, "totalRecords", 0, long.MaxValue));
        }

        /// <summary>
        /// A whole number within [min, max]; anything else (3e9 for an int, 1e20, a fraction, text) is null, and said in the
        /// trace: a surprising value never costs the job or the page it came with.
        /// </summary>
        private static long? WholeNumber(JToken? token, string name, long min, long max, List<string>? notes = null)
        {
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            var number = PlainJson.Number(token);
            if (number.HasValue && number.Value == Math.Floor(number.Value) && number.Value >= min && number.Value <= max && Math.Abs(number.Value) < 9e18)
            {
                return (long)number.Value;
            }

            var note = $"the field '{name}' holds '{token.ToString(Newtonsoft.Json.Formatting.None)}', not a whole number from {min} to {max}; it was left out";
            notes?.Add(note);
            PrivacyTrace.Verbose("The Privacy Service's answer: " + note + ".");
            return null;
        }

        private static DateTimeOffset? Date(JObject json, string name, Dictionary<string, object?> extras)
        {
            var token = Field(json, name);
            var date = AdobeDate.Read(token);
            if (date == null && token != null && token.Type != JTokenType.Null)
            {
                // Unreadable: keep what the service sent rather than lose it.
                extras[name] = token.ToString();
                PrivacyTrace.Verbose($"The job field '{name}' holds a date in no known format; it is kept as text.");
            }

            return date;
        }

        private static readonly HashSet<string> KnownUserIdFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "namespace", "value", "type", "isDeletedClientSide" };

        /// <summary>A user's IDs, every field kept: namespaceId (a number) and any field Adobe adds go to the ID's extra properties.</summary>
        private static PrivacyUserId[] UserIds(JToken? token) =>
            (token as JArray)?.OfType<JObject>()
                .Select(id => new PrivacyUserId(
                    Text(id, "namespace") ?? string.Empty,
                    Text(id, "value") ?? string.Empty,
                    Text(id, "type") ?? string.Empty,
                    Field(id, "isDeletedClientSide")?.Type == JTokenType.Boolean ? Field(id, "isDeletedClientSide")!.Value<bool>() : (bool?)null)
                {
                    AdditionalProperties = id.Properties().Where(p => !KnownUserIdFields.Contains(p.Name)).ToDictionary(p => p.Name, p => PlainJson.ToPlain(p.Value), StringComparer.OrdinalIgnoreCase),
                })
                .ToArray() ?? Array.Empty<PrivacyUserId>();

        /// <summary>
        /// An absolute URL as is; a relative one against the API base (it is Adobe's own service); any other text is kept,
        /// as the extra property DownloadUrlText, with a note.
        /// </summary>
        private static Uri? DownloadUrl(string? text, Uri? apiBase, Dictionary<string, object?> extras, List<string> notes)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            {
                return absolute;
            }

            if (apiBase != null && Uri.TryCreate(text, UriKind.Relative, out var relative) && !text!.Contains(" "))
            {
                return new Uri(new Uri(apiBase.AbsoluteUri.TrimEnd('/') + "/"), relative.OriginalString.StartsWith("/", StringComparison.Ordinal) ? relative.OriginalString.Substring(1) : relative.OriginalString);
            }

            extras["DownloadUrlText"] = text;
            notes.Add($"its downloadUrl '{text}' is not a URL; it is kept as DownloadUrlText");
            return null;
        }

        private static string? Action(JToken? token)
        {
            if (token is JArray array)
            {
                var actions = array.Where(a => a.Type == JTokenType.String).Select(a => a.Value<string>()).ToArray();
                return actions.Length == 0 ? null : string.Join(",", actions);
            }

            return token != null && token.Type == JTokenType.String ? token.Value<string>() : null;
        }

        private static JToken? Field(JObject? json, string name) => json?.GetValue(name, StringComparison.OrdinalIgnoreCase);

        private static string? Text(JObject? json, string name)
        {
            var token = Field(json, name);
            return token == null || token.Type == JTokenType.Null || token.Type == JTokenType.Object || token.Type == JTokenType.Array ? null : token.ToString();
        }
    }
}
