using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace PrivacyServices.Models
{
    /// <summary>
    /// A LiveRamp consent file: a batch of opt-out or delete requests, downloadable from <see cref="FileUrl"/> (pre-signed,
    /// time-limited). The enumerated fields stay strings so a value LiveRamp adds later still reads; the documented values are in
    /// <see cref="ConsentFileValues"/>. Fields the API returns beyond the known ones are kept in <see cref="AdditionalProperties"/>.
    /// </summary>
    public sealed class ConsentFile
    {
        /// <summary>Shared by every file without extra fields: a listing makes a million of them.</summary>
        private static readonly IReadOnlyDictionary<string, object?> NoAdditionalProperties =
            new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

        public ConsentFile(
            Guid id,
            string identifierType,
            string? muidDeviceType,
            string? muidFormat,
            string requestType,
            DataController dataController,
            Uri fileUrl,
            DateTimeOffset createdAt,
            IReadOnlyDictionary<string, object?>? additionalProperties = null)
        {
            Id = id;
            IdentifierType = identifierType ?? throw new ArgumentNullException(nameof(identifierType));
            MuidDeviceType = muidDeviceType;
            MuidFormat = muidFormat;
            RequestType = requestType ?? throw new ArgumentNullException(nameof(requestType));
            DataController = dataController ?? throw new ArgumentNullException(nameof(dataController));
            FileUrl = fileUrl ?? throw new ArgumentNullException(nameof(fileUrl));
            CreatedAt = createdAt.ToUniversalTime();
            AdditionalProperties = additionalProperties ?? NoAdditionalProperties;
        }

        public Guid Id { get; }

        /// <summary>IDENTITYLINK, COOKIE, MUID, CUSTOM_ID, HPI or RAMPID.</summary>
        public string IdentifierType { get; }

        /// <summary>AAID, IDFA or MIXED; only for MUID files.</summary>
        public string? MuidDeviceType { get; }

        /// <summary>RAW or HASHED; only for MUID files.</summary>
        public string? MuidFormat { get; }

        /// <summary>OPT_OUT or DELETE.</summary>
        public string RequestType { get; }

        public DataController DataController { get; }

        /// <summary>The pre-signed download URL. Its signature is a credential for this file: it is never written to a trace.</summary>
        public Uri FileUrl { get; }

        /// <summary>When LiveRamp created the file, in UTC.</summary>
        public DateTimeOffset CreatedAt { get; }

        internal IReadOnlyDictionary<string, object?> AdditionalProperties { get; }

        public override string ToString() => $"{Id} ({RequestType} {IdentifierType}, {CreatedAt:yyyy-MM-dd HH:mm:ss}Z)";
    }
}
