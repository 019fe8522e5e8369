using System;
using System.Collections.Generic;
using System.Linq;

namespace PrivacyServices.Models
{
    /// <summary>
    /// An Adobe Privacy Service job: one data subject (<see cref="UserKey"/>), one action, under one regulation.
    /// Fields the API returned beyond the known ones are kept in <see cref="AdditionalProperties"/>, which the module shows as
    /// properties of their own (once: the map itself is not public).
    /// </summary>
    public sealed class PrivacyJob
    {
        private static readonly IReadOnlyDictionary<string, object?> NoExtras = new Dictionary<string, object?>();

        public string JobId { get; internal set; } = string.Empty;
        public string? RequestId { get; internal set; }
        public string? UserKey { get; internal set; }

        /// <summary><c>access</c> or <c>delete</c>.</summary>
        public string? Action { get; internal set; }

        public string? Regulation { get; internal set; }

        /// <summary><c>submitted</c>, <c>processing</c>, <c>complete</c> or <c>error</c>.</summary>
        public string? Status { get; internal set; }

        public string? SubmittedBy { get; internal set; }
        public DateTimeOffset? CreatedDate { get; internal set; }
        public DateTimeOffset? LastModifiedDate { get; internal set; }
        public IReadOnlyList<PrivacyProductResponse> ProductResponses { get; internal set; } = ReadableList<PrivacyProductResponse>.Empty;

        /// <summary>
        /// Where the access data of a complete access job can be downloaded (Adobe spells it downloadURL or downloadUrl), as a
        /// string: a System.Uri shows as a 22-line list of its parts at the prompt.
        /// </summary>
        public string? DownloadUrl => DownloadUri?.AbsoluteUri;

        internal Uri? DownloadUri { get; set; }

        public IReadOnlyList<PrivacyUserId> UserIds { get; internal set; } = ReadableList<PrivacyUserId>.Empty;
        internal IReadOnlyDictionary<string, object?> AdditionalProperties { get; set; } = NoExtras;

        /// <summary>True once the job reached <c>complete</c> or <c>error</c>: polling it further changes nothing.</summary>
        public static bool IsFinished(string? status) =>
            string.Equals(status, "complete", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "error", StringComparison.OrdinalIgnoreCase);

        /// <summary>A copy whose product results went through <paramref name="convert"/> (a caller's own form of plain values); this one is unchanged.</summary>
        public PrivacyJob MapProductResults(Func<object?, object?> convert)
        {
            var copy = (PrivacyJob)MemberwiseClone();
            copy.ProductResponses = new ReadableList<PrivacyProductResponse>(ProductResponses.Select(r => r.WithResults(convert(r.Results))).ToList());
            return copy;
        }

        /// <summary>What could not be read from the service's answer and was left out (for a warning); not shown as a property.</summary>
        internal IReadOnlyList<string> Notes { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{JobId} ({UserKey}, {Action}, {Status})";
    }
}
