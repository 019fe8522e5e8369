using System;
using System.Collections.Generic;
using PrivacyServices.Http;

namespace PrivacyServices.Models
{
    /// <summary>One page of the consent-file list, and where the next one is.</summary>
    public sealed class ConsentFilePage
    {
        public ConsentFilePage(Uri requestUri, IReadOnlyList<ConsentFile> files, Uri? nextPageUri, PrivacyServiceException? nextLinkRefused = null)
        {
            RequestUri = requestUri;
            Files = files;
            NextPageUri = nextLinkRefused == null ? nextPageUri : null;
            NextLinkRefused = nextLinkRefused;
        }

        public Uri RequestUri { get; }
        public IReadOnlyList<ConsentFile> Files { get; }

        /// <summary>The next page to read; null on the last page, or when the next link was refused.</summary>
        public Uri? NextPageUri { get; }

        /// <summary>Why the listing may not go on although the server linked a next page (a loop, another host, the page cap).</summary>
        public PrivacyServiceException? NextLinkRefused { get; }
    }
}
