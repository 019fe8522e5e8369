using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Apis
{
    /// <summary>The filters of GET /jobs: a regulation (required), a status, and a date range given as both ends or neither.</summary>
    public sealed class PrivacyJobQuery
    {
        public static readonly IReadOnlyList<string> KnownStatuses = new[] { "submitted", "processing", "complete", "error" };

        public PrivacyJobQuery(string regulation)
        {
            Regulation = (regulation ?? string.Empty).Trim();
        }

        public string Regulation { get; }
        public string? Status { get; set; }
        public DateTime? FromDate { get; set; }
        public DateTime? ToDate { get; set; }

        /// <summary>Jobs per request; Adobe's guides allow up to 1000, the older spec 100.</summary>
        public int PageSize { get; set; } = 100;

        public void Validate()
        {
            if (Regulation.Length == 0)
            {
                throw Invalid("RegulationMissing", "Regulation", "Regulation is required to list jobs: Adobe lists the jobs of one regulation at a time.");
            }

            if (Status != null && !KnownStatuses.Contains(Status))
            {
                throw Invalid("UnknownStatus", "Status", $"Status '{Status}' is not valid: use {string.Join(", ", KnownStatuses)}.");
            }

            if (FromDate.HasValue != ToDate.HasValue)
            {
                throw Invalid("DateRangeIncomplete", FromDate.HasValue ? "ToDate" : "FromDate", $"FromDate and ToDate go together: Adobe takes both ends of the range or neither (only {(FromDate.HasValue ? "FromDate" : "ToDate")} was given).");
            }

            if (FromDate.HasValue && string.CompareOrdinal(GmtDay(FromDate.Value), GmtDay(ToDate!.Value)) > 0)
            {
                throw Invalid("DateRangeReversed", "FromDate", "FromDate is after ToDate.");
            }

            if (PageSize < 1 || PageSize > AdobePrivacyJobsClient.MaxUsersPerRequest)
            {
                throw Invalid("PageSizeOutOfRange", "PageSize", "PageSize must be between 1 and 1000.");
            }
        }

        /// <summary>The query string for one page (page numbers are 0-based, as Adobe's guides say).</summary>
        public string ToQueryString(int page)
        {
            var parts = new List<string>
            {
                "regulation=" + Uri.EscapeDataString(Regulation),
                "page=" + page.ToString(CultureInfo.InvariantCulture),
                "size=" + PageSize.ToString(CultureInfo.InvariantCulture),
            };
            if (Status != null)
            {
                parts.Add("status=" + Uri.EscapeDataString(Status));
            }

            if (FromDate.HasValue && ToDate.HasValue)
            {
                parts.Add("fromDate=" + GmtDay(FromDate.Value));
                parts.Add("toDate=" + GmtDay(ToDate.Value));
            }

            return string.Join("&", parts);
        }

        /// <summary>YYYY-MM-DD in GMT: local times are converted, unspecified ones taken as they are.</summary>
        private static string GmtDay(DateTime value) =>
            (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static PrivacyServiceException Invalid(string id, string parameter, string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Adobe." + id, message, parameter: parameter);
    }
}
