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
    /// </summary>
    public sealed class LiveRampConsentFilesClient
    {
        private readonly SessionHttpClient _http;

        public LiveRampConsentFilesClient(SessionHttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

        public Uri FirstPageUri => _http.Resolve("consent-files");

        public async Task<ConsentFilePage> GetPageAsync(Uri pageUri, CancellationToken cancellationToken)
        {
            using (var response = await _http.SendAsync(new ApiRequest(HttpMethod.Get, pageUri, streamResponse: true), cancellationToken).ConfigureAwait(false))
            {
                IReadOnlyList<ConsentFile> files;
                using (var body = await ResponseText.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false))
                {
                    files = ConsentFileReader.ReadPage(body);
                }

                var next = LinkHeader.FindNext(response, pageUri);
                if (next != null)
                {
                    CheckNextLink(pageUri, next);
                }

                PrivacyTrace.Verbose($"Consent files: {files.Count} on this page{(next == null ? "; it is the last" : "; the server links a next page")}.");
                return new ConsentFilePage(pageUri, files, next);
            }
        }

        /// <summary>The session's token goes to its own API host only, so a next link elsewhere is refused rather than followed.</summary>
        private void CheckNextLink(Uri current, Uri next)
        {
            var apiBase = _http.RequireApiBase();
            if (Uri.Compare(next, apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    "PrivacyServices.LiveRamp.ForeignNextLink",
                    $"The consent-file list links its next page on another host ({next.GetLeftPart(UriPartial.Authority)}); " +
                    $"it was not followed, since the session's token is only sent to {apiBase.GetLeftPart(UriPartial.Authority)}.");
            }

            if (next == current)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    "PrivacyServices.LiveRamp.PagingLoop",
                    $"The consent-file list links {Redactor.RedactUri(next)} as the next page of itself; listing stopped.");
            }
        }
    }
}
