using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// Walks GET /jobs one page per call, so callers can hand each page on before asking for the next. Pages are 0-based
    /// (Adobe's guides); a service that counts from 1 (the older spec) answers page 0 and 1 alike, which is detected and
    /// skipped. A job seen on an earlier page is not returned twice.
    /// </summary>
    public sealed class PrivacyJobPager
    {
        private readonly AdobePrivacyJobsClient _client;
        private readonly PrivacyJobQuery _query;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        public PrivacyJobPager(AdobePrivacyJobsClient client, PrivacyJobQuery query)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _query = query ?? throw new ArgumentNullException(nameof(query));
            _query.Validate();
        }

        public bool HasMore { get; private set; } = true;

        /// <summary>The next page to request.</summary>
        public int Page { get; private set; }

        public long? TotalRecords { get; private set; }

        public async Task<IReadOnlyList<PrivacyJob>> NextPageAsync(CancellationToken cancellationToken)
        {
            if (!HasMore)
            {
                return Array.Empty<PrivacyJob>();
            }

            var (jobs, total) = await _client.ListPageAsync(_query, Page, cancellationToken).ConfigureAwait(false);
            TotalRecords = total ?? TotalRecords;
            var fresh = jobs.Where(j => _seen.Add(j.JobId)).ToArray();
            if (jobs.Count < _query.PageSize)
            {
                HasMore = false;
            }
            else if (fresh.Length == 0 && Page != 1)
            {
                PrivacyTrace.Verbose($"GET /jobs page {Page} repeated jobs already listed; the service seems to ignore 'page', so listing stops here.");
                HasMore = false;
            }

            Page++;
            return fresh;
        }
    }
}
