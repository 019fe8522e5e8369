using System;
using System.Collections.Generic;

namespace PrivacyServices.Http
{
    /// <summary>
    /// The next links one listing has followed. A link back to a page already read (A → B → A), past the page cap, or to
    /// another host ends the listing with a clear error instead of looping forever or sending the token elsewhere; the
    /// page that carried the link has been read by then, so its own items are kept.
    /// </summary>
    public sealed class PageTrail
    {
        /// <summary>Far above any real listing (a million consent files at the usual page size), low enough to end a runaway server.</summary>
        public const int DefaultPageCap = 10_000;

        private readonly HashSet<string> _visited = new HashSet<string>(StringComparer.Ordinal);
        private readonly Uri _apiBase;
        private readonly string _listing;
        private readonly string _errorIdPrefix;

        public PageTrail(Uri apiBase, string listing, string errorIdPrefix, int pageCap = DefaultPageCap)
        {
            _apiBase = apiBase ?? throw new ArgumentNullException(nameof(apiBase));
            _listing = listing;
            _errorIdPrefix = errorIdPrefix;
            PageCap = pageCap;
        }

        public int PageCap { get; }

        public int PagesRead => _visited.Count;

        /// <summary>Records that <paramref name="page"/> was read.</summary>
        public void Read(Uri page) => _visited.Add(Key(page));

        /// <summary>Null when <paramref name="next"/> may be followed; otherwise the reason it may not.</summary>
        public PrivacyServiceException? Refusal(Uri next)
        {
            if (!TransportPolicy.SameOrigin(next, _apiBase))
            {
                return new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    _errorIdPrefix + ".ForeignNextLink",
                    $"The {_listing} links its next page on another host ({next.GetLeftPart(UriPartial.Authority)}); " +
                    $"it was not followed, since the session's token is only sent to {_apiBase.GetLeftPart(UriPartial.Authority)}. The items listed before it stand.");
            }

            if (_visited.Contains(Key(next)))
            {
                return new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    _errorIdPrefix + ".PagingLoop",
                    $"The {_listing} links {Redactor.RedactUri(next)} as its next page, which was already read; listing stopped after {_visited.Count} pages. The items listed before it stand.");
            }

            if (_visited.Count >= PageCap)
            {
                return new PrivacyServiceException(
                    PrivacyErrorKind.LimitsExceeded,
                    _errorIdPrefix + ".PageCapReached",
                    $"The {_listing} still links a next page after {PageCap:N0} pages; listing stopped there. The items listed before it stand.");
            }

            return null;
        }

        private static string Key(Uri page) => page.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }
}
