using System;
using System.Collections.Generic;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>One page of the consent-file list and where the next one is (null on the last page).</summary>
    public sealed class ConsentFilePage
    {
        public ConsentFilePage(Uri requestUri, IReadOnlyList<ConsentFile> files, Uri? nextPageUri)
        {
            RequestUri = requestUri;
            Files = files;
            NextPageUri = nextPageUri;
        }

        public Uri RequestUri { get; }
        public IReadOnlyList<ConsentFile> Files { get; }
        public Uri? NextPageUri { get; }
    }
}
