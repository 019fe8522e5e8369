using System;

namespace PrivacyServices.Apis
{
    /// <summary>A job to wait for: its id, and where known its regulation and creation time, which let a wait find it by listing.</summary>
    public sealed class PrivacyJobRef
    {
        public PrivacyJobRef(string jobId, string? regulation = null, DateTimeOffset? createdDate = null)
        {
            JobId = jobId;
            Regulation = string.IsNullOrWhiteSpace(regulation) ? null : regulation!.Trim();
            CreatedDate = createdDate;
        }

        public string JobId { get; }
        public string? Regulation { get; }
        public DateTimeOffset? CreatedDate { get; }
    }
}
