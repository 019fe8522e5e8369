using System;
using System.Collections.Generic;

namespace PrivacyServices.Models
{
    /// <summary>A data subject of an Adobe privacy job: the key that names it in the results, and its 1–9 identities.</summary>
    public sealed class PrivacyUser
    {
        public PrivacyUser(string key, IReadOnlyList<PrivacyUserId> userIds)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            UserIds = userIds ?? throw new ArgumentNullException(nameof(userIds));
        }

        public string Key { get; }
        public IReadOnlyList<PrivacyUserId> UserIds { get; }

        public override string ToString() => $"{Key} ({UserIds.Count} {(UserIds.Count == 1 ? "ID" : "IDs")})";
    }

    /// <summary>One identity of a data subject: a namespace (email, ECID, …), its value and the namespace's type.</summary>
    public sealed class PrivacyUserId
    {
        /// <summary>The namespace qualifiers the Privacy Service accepts.</summary>
        public static readonly IReadOnlyList<string> KnownTypes = new[] { "standard", "custom", "integrationCode", "namespaceId", "unregistered", "analytics", "target" };

        /// <summary>The standard identity namespaces Adobe's Privacy Service API appendix lists, in its casing (custom ones are accepted too).</summary>
        public static readonly IReadOnlyList<string> StandardNamespaces = new[] { "Email", "Phone", "ECID", "AdCloud", "CORE", "TNTID", "IDFA", "GAID", "WAID" };

        public PrivacyUserId(string @namespace, string value, string type, bool? isDeletedClientSide = null)
        {
            Namespace = @namespace ?? string.Empty;
            Value = value ?? string.Empty;
            Type = type ?? string.Empty;
            IsDeletedClientSide = isDeletedClientSide;
        }

        public string Namespace { get; }
        public string Value { get; }
        public string Type { get; }
        public bool? IsDeletedClientSide { get; }

        /// <summary>Every other field of the ID as the service sent it (namespaceId, …).</summary>
        public IReadOnlyDictionary<string, object?> AdditionalProperties { get; internal set; } = new Dictionary<string, object?>();

        /// <summary>The numeric namespace id some IDs carry (type namespaceId), when there is one.</summary>
        public long? NamespaceId =>
            AdditionalProperties.TryGetValue("namespaceId", out var id) && id != null && long.TryParse(Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture), out var number) ? number : (long?)null;

        /// <summary>The canonical spelling of a known type (case-insensitive), or null.</summary>
        public static string? CanonicalType(string? type)
        {
            foreach (var known in KnownTypes)
            {
                if (string.Equals(known, type, StringComparison.OrdinalIgnoreCase))
                {
                    return known;
                }
            }

            return null;
        }

        internal bool SameAs(PrivacyUserId other) =>
            string.Equals(Namespace, other.Namespace, StringComparison.Ordinal) &&
            string.Equals(Value, other.Value, StringComparison.Ordinal) &&
            string.Equals(Type, other.Type, StringComparison.Ordinal);

        public override string ToString() => $"{Namespace}:{Value} ({Type})";
    }
}
