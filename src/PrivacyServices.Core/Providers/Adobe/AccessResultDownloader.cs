using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Downloads;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// Saves the access results of a completed Adobe access job: its <c>downloadUrl</c>, or <c>GET /jobs/{id}/content</c>.
    /// The session's token and Adobe's headers go only to the API host; a download URL on any other host (pre-signed storage)
    /// is fetched with no credentials at all. Bytes go to a partial file renamed into place when complete.
    /// </summary>
    public sealed class AccessResultDownloader
    {
        private static readonly IReadOnlyDictionary<string, string> AnyContent = new Dictionary<string, string> { ["Accept"] = "*/*" };

        private readonly SessionHttpClient _http;
        private readonly SignedUrlDownloader _withoutCredentials;

        public AccessResultDownloader(SessionHttpClient http, SignedUrlDownloader withoutCredentials)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _withoutCredentials = withoutCredentials ?? throw new ArgumentNullException(nameof(withoutCredentials));
        }

        /// <summary>Null when the job has results to save; otherwise why not, naming the job.</summary>
        public static PrivacyServiceException? WhyNoResults(PrivacyJob job)
        {
            if (!string.Equals(job.Action, "access", StringComparison.OrdinalIgnoreCase))
            {
                return new PrivacyServiceException(PrivacyErrorKind.InvalidOperation, "PrivacyServices.Adobe.ResultNotAccess",
                    $"Job {job.JobId} is a '{job.Action ?? "unknown"}' job: only access jobs have results to save.");
            }

            if (!string.Equals(job.Status, "complete", StringComparison.OrdinalIgnoreCase))
            {
                return new PrivacyServiceException(PrivacyErrorKind.InvalidOperation, "PrivacyServices.Adobe.ResultNotReady",
                    $"Job {job.JobId} is '{job.Status ?? "unknown"}', not complete: its results can be saved once it is (wait for it first).");
            }

            return null;
        }

        /// <summary>Where the results are, and whether the session's credentials may go there.</summary>
        public (Uri Url, bool OnApiHost) Locate(PrivacyJob job)
        {
            var apiBase = _http.RequireApiBase();
            var url = job.DownloadUri ?? _http.Resolve("jobs/" + Uri.EscapeDataString(job.JobId) + "/content");
            var onApiHost = TransportPolicy.SameOrigin(url, apiBase);
            return (url, onApiHost);
        }

        public async Task<DownloadResult> DownloadAsync(PrivacyJob job, string destination, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            var (url, onApiHost) = Locate(job);
            if (!onApiHost)
            {
                PrivacyTrace.Verbose($"Job {job.JobId}: its results are on {url.Host}, not the API host: fetched without the session's token.");
                return await _withoutCredentials.DownloadAsync(url, destination, progress, cancellationToken).ConfigureAwait(false);
            }

            return await BodyToFile.WholeOrNothingAsync(destination, async partialPath =>
            {
                var (bytes, attempts) = await _http.SendAsync(
                    new ApiRequest(HttpMethod.Get, url, headers: AnyContent),
                    async (response, scope) => (await BodyToFile.CopyAsync(response, scope, partialPath, progress).ConfigureAwait(false), scope.Attempt),
                    cancellationToken).ConfigureAwait(false);
                return new DownloadResult(destination, bytes, attempts);
            }).ConfigureAwait(false);
        }
    }
}
