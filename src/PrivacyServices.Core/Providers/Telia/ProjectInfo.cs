using System;
using System.Collections.Generic;
using System.Linq;

namespace PrivacyServices.Models
{
    /// <summary>
    /// A Telia Privacy Services project. Fields the API returns beyond the known ones are kept in <see cref="AdditionalProperties"/>,
    /// which the module shows as properties of their own (once: the map itself is not public).
    /// </summary>
    public sealed class ProjectInfo
    {
        public ProjectInfo(
            string projectId,
            string? serviceName,
            IReadOnlyList<object?> subscriptions,
            DateTimeOffset? created,
            DateTimeOffset? updated,
            IReadOnlyDictionary<string, object?> additionalProperties)
        {
            ProjectId = projectId;
            ServiceName = serviceName;
            Subscriptions = subscriptions as ReadableList<object?> ?? new ReadableList<object?>(subscriptions);
            Created = created;
            Updated = updated;
            AdditionalProperties = additionalProperties;
        }

        public string ProjectId { get; }

        /// <summary>The name shown to data subjects.</summary>
        public string? ServiceName { get; }

        /// <summary>Topics and destinations for privacy-request notifications, as the API returned them.</summary>
        public IReadOnlyList<object?> Subscriptions { get; }

        public DateTimeOffset? Created { get; }
        public DateTimeOffset? Updated { get; }
        internal IReadOnlyDictionary<string, object?> AdditionalProperties { get; }

        /// <summary>A copy whose subscriptions went through <paramref name="convert"/> (a caller's own form of plain values); this one is unchanged.</summary>
        public ProjectInfo MapSubscriptions(Func<object?, object?> convert) =>
            new ProjectInfo(ProjectId, ServiceName, new ReadableList<object?>(Subscriptions.Select(convert).ToList(), shownAs: Subscriptions), Created, Updated, AdditionalProperties);

        public override string ToString() => string.IsNullOrEmpty(ServiceName) ? ProjectId : $"{ProjectId} ({ServiceName})";
    }
}
