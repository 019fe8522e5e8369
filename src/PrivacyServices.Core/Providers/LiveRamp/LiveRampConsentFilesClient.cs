using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// LiveRamp Consent Files Service: <c>GET {ApiBaseUri}/consent-files</c>, one page at a time. Paging is not public, so
    /// a page is whatever the server sent, and the next one is its RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c>; no link, no more pages.
    /// One client is one listing: it remembers the pages read, so a loop or a runaway server ends it.
    /// </summary>
    public sealed class LiveRampConsentFilesClient
    {
        private readonly SessionHttpClient _http;
        private readonly PageTrail _trail;

        public LiveRampConsentFilesClient(SessionHttpClient http, int pageCap = PageTrail.DefaultPageCap)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _trail = new PageTrail(http.RequireApiBase(), "consent-file list", "PrivacyServices.LiveRamp", pageCap);
        }

        public Uri FirstPageUri => _http.Resolve("consent-files");

        /// <summary>Reads one page; the body is read inside the request's timeout and retries, so a page cut short is read again.</summary>
        public async Task<ConsentFilePage> GetPageAsync(Uri pageUri, CancellationToken cancellationToken)
        {
            var (files, next) = await _http.SendAsync(new ApiRequest(HttpMethod.Get, pageUri), async (response, scope) =>
            {
                IReadOnlyList<ConsentFile> read;
                using (var body = await ResponseText.ReadAsync(response.Content, scope.Token).ConfigureAwait(false))
                {
                    read = ConsentFileReader.ReadPage(body);
                }

                return (read, LinkHeader.FindNext(response, pageUri));
            }, cancellationToken).ConfigureAwait(false);

            _trail.Read(pageUri);
            var refused = next == null ? null : _trail.Refusal(next);
            PrivacyTrace.Verbose($"Consent files: {files.Count} on this page{(next == null ? "; it is the last" : refused == null ? "; the server links a next page" : "; its next link is refused")}.");
            return new ConsentFilePage(pageUri, files, next, refused);
        }
    }
}
