using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>Adobe Experience Platform Privacy Service: create, read and list privacy jobs (all through the session's HTTP client).</summary>
    public sealed class AdobePrivacyJobsClient
    {
        /// <summary>Adobe's limit of users in one POST /jobs.</summary>
        public const int MaxUsersPerRequest = 1000;

        private readonly SessionHttpClient _http;
        private readonly string _orgId;

        /// <summary>The client for an Adobe session (its HTTP client and IMS organization).</summary>
        public static AdobePrivacyJobsClient For(Sessions.PrivacyServiceSession session) =>
            new AdobePrivacyJobsClient(session.Http, session.SettingsOf<Providers.Adobe.AdobeSettings>().OrgId);

        public AdobePrivacyJobsClient(SessionHttpClient http, string? orgId)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            if (string.IsNullOrWhiteSpace(orgId))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidConfiguration,
                    "PrivacyServices.Adobe.OrgIdMissing",
                    "The session has no IMS organization (<id>@AdobeOrg): connect again with one.",
                    parameter: "OrgId");
            }

            _orgId = orgId!;
        }

        /// <summary>
        /// Sends one request for <paramref name="users"/> (at most <see cref="MaxUsersPerRequest"/>). A failure names the
        /// request (<paramref name="label"/>) and how many users it held.
        /// </summary>
        public async Task<PrivacyJobBatchResult> CreateAsync(PrivacyJobOptions options, IReadOnlyList<PrivacyUser> users, string label, CancellationToken cancellationToken)
        {
            options.Validate();
            if (users.Count == 0 || users.Count > MaxUsersPerRequest)
            {
                throw new ArgumentOutOfRangeException(nameof(users), $"One request holds 1 to {MaxUsersPerRequest} users.");
            }

            var body = AdobeJobRequestBody.Build(_orgId, options, users).ToString(Formatting.None);
            var request = new ApiRequest(HttpMethod.Post, _http.Resolve("jobs"), () => new StringContent(body, Encoding.UTF8, "application/json"));
            try
            {
                using (var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var json = PlainJson.Parse(text, "POST /jobs") as JObject
                        ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Adobe.UnexpectedShape", "POST /jobs did not return a JSON object.");
                    return AdobeJobReader.ReadCreated(json, options, users);
                }
            }
            catch (PrivacyServiceException ex)
            {
                throw BatchFailed(ex, label, users);
            }
        }

        /// <summary>Identities per opt-out request: Adobe publishes no limit for POST /consent, so the jobs API's 1000 is kept.</summary>
        public const int MaxIdentitiesPerOptOut = 1000;

        /// <summary>Sends one opt-out-of-sale request (POST /consent) for <paramref name="identities"/>.</summary>
        public async Task<OptOutOfSaleResult> OptOutOfSaleAsync(IReadOnlyList<OptOutIdentity> identities, string label, CancellationToken cancellationToken)
        {
            if (identities.Count == 0 || identities.Count > MaxIdentitiesPerOptOut)
            {
                throw new ArgumentOutOfRangeException(nameof(identities), $"One request holds 1 to {MaxIdentitiesPerOptOut} identities.");
            }

            var body = OptOutIdentity.Body(identities);
            var request = new ApiRequest(HttpMethod.Post, _http.Resolve("consent"), () => new StringContent(body, Encoding.UTF8, "application/json"));
            try
            {
                using (var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    return new OptOutOfSaleResult(label, identities, (int)response.StatusCode == 202 || response.IsSuccessStatusCode, (int)response.StatusCode);
                }
            }
            catch (PrivacyServiceException ex)
            {
                var outcome = ex.StatusCode.HasValue ? "were not opted out" : "may or may not have been opted out: sending them again does no harm";
                throw new PrivacyServiceException(ex.Kind, ex.ErrorId, $"{label}: {ex.Message.TrimEnd('.')}; its {identities.Count} identities {outcome}.", ex.StatusCode, ex.VendorCode, ex.RequestId, ex);
            }
        }

        public async Task<PrivacyJob> GetAsync(string jobId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(jobId))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Adobe.JobIdMissing", "The job id is empty.", parameter: "JobId");
            }

            var uri = _http.Resolve("jobs/" + Uri.EscapeDataString(jobId.Trim()));
            using (var response = await _http.SendAsync(new ApiRequest(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false))
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var json = PlainJson.Parse(text, "GET /jobs/" + jobId) as JObject
                    ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Adobe.UnexpectedShape", $"GET /jobs/{jobId} did not return a JSON object.");
                return AdobeJobReader.ReadJob(json, null, _http.ApiBaseUri);
            }
        }

        /// <summary>One page of GET /jobs.</summary>
        public async Task<(IReadOnlyList<PrivacyJob> Jobs, long? TotalRecords)> ListPageAsync(PrivacyJobQuery query, int page, CancellationToken cancellationToken)
        {
            query.Validate();
            var uri = _http.Resolve("jobs?" + query.ToQueryString(page));
            using (var response = await _http.SendAsync(new ApiRequest(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false))
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var json = PlainJson.Parse(text, "GET /jobs") as JObject
                    ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Adobe.UnexpectedShape", "GET /jobs did not return a JSON object.");
                return AdobeJobReader.ReadList(json, query.Regulation, _http.ApiBaseUri);
            }
        }

        private static PrivacyServiceException BatchFailed(PrivacyServiceException ex, string label, IReadOnlyList<PrivacyUser> users)
        {
            var keys = string.Join(", ", users.Take(5).Select(u => "'" + u.Key + "'")) + (users.Count > 5 ? $" and {users.Count - 5} more" : string.Empty);
            var outcome = ex.StatusCode.HasValue
                ? $"its {users.Count} users were not submitted ({keys})"
                : $"its {users.Count} users may or may not have been submitted ({keys}): look them up by job before sending them again";
            return new PrivacyServiceException(
                ex.Kind,
                ex.ErrorId,
                $"{label}: {ex.Message.TrimEnd('.')}; {outcome}.",
                ex.StatusCode,
                ex.VendorCode,
                ex.RequestId,
                ex);
        }
    }
}
