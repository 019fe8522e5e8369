using System;

namespace PrivacyServices.Models
{
    /// <summary>What one Adobe Experience Cloud product reported about a privacy job.</summary>
    public sealed class PrivacyProductResponse
    {
        public string? Product { get; internal set; }
        public int? RetryCount { get; internal set; }
        public DateTimeOffset? ProcessedDate { get; internal set; }

        /// <summary>The product's status (queued, processing, complete, error, …).</summary>
        public string? Status { get; internal set; }

        public string? Message { get; internal set; }

        /// <summary>Adobe's stable code, for example <c>PRVCY-6000-200</c>: decide on this, not on the message.</summary>
        public string? ResponseMsgCode { get; internal set; }

        public string? ResponseMsgDetail { get; internal set; }

        /// <summary>The product's results as plain values (dictionaries, arrays), when it sent any.</summary>
        public object? Results { get; internal set; }

        /// <summary>A copy with <see cref="Results"/> replaced; this one is unchanged.</summary>
        public PrivacyProductResponse WithResults(object? results)
        {
            var copy = (PrivacyProductResponse)MemberwiseClone();
            copy.Results = results;
            return copy;
        }

        public override string ToString() =>
            $"{Product}: {Status}{(string.IsNullOrEmpty(ResponseMsgCode) ? string.Empty : " (" + ResponseMsgCode + ")")}";
    }
}
