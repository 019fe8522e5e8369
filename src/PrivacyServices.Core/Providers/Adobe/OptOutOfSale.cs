using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PrivacyServices.Models
{
    /// <summary>What one opt-out-of-sale request (POST /consent) carried, and whether the Privacy Service accepted it.</summary>
    public sealed class OptOutOfSaleResult
    {
        public OptOutOfSaleResult(string request, IReadOnlyList<OptOutIdentity> identities, bool accepted, int statusCode)
        {
            Request = request;
            Identities = identities as ReadableList<OptOutIdentity> ?? new ReadableList<OptOutIdentity>(identities);
            Accepted = accepted;
            StatusCode = statusCode;
        }

        /// <summary>"Request 1 of 3".</summary>
        public string Request { get; }

        public IReadOnlyList<OptOutIdentity> Identities { get; }

        public int IdentityCount => Identities.Count;

        public IReadOnlyList<string> Namespaces => new ReadableList<string>(Identities.Select(i => i.Namespace).Distinct(StringComparer.Ordinal).ToList());

        /// <summary>True when the service answered 202 (accepted for processing; it returns nothing to follow up on).</summary>
        public bool Accepted { get; }

        public int StatusCode { get; }

        public override string ToString() => $"{Request}: {IdentityCount} identities, {(Accepted ? "accepted" : "not accepted")}";
    }

    /// <summary>One identity to opt out: a namespace (email, ECID, …) and a value.</summary>
    public sealed class OptOutIdentity : IEquatable<OptOutIdentity>
    {
        public OptOutIdentity(string @namespace, string value)
        {
            Namespace = (@namespace ?? string.Empty).Trim();
            Value = (value ?? string.Empty).Trim();
        }

        public string Namespace { get; }
        public string Value { get; }

        public bool Equals(OptOutIdentity? other) => other != null && Namespace == other.Namespace && Value == other.Value;

        public override bool Equals(object? obj) => Equals(obj as OptOutIdentity);

        public override int GetHashCode() => (Namespace, Value).GetHashCode();

        public override string ToString() => Namespace + ":" + Value;

        /// <summary>The request body: identities grouped by namespace, each value once (the spec's PrivacySaleConsentResource).</summary>
        public static string Body(IEnumerable<OptOutIdentity> identities) =>
            new JObject
            {
                ["optOutOfSale"] = true,
                ["entities"] = new JArray(identities.GroupBy(i => i.Namespace, StringComparer.Ordinal)
                    .Select(g => new JObject { ["nameSpace"] = g.Key, ["values"] = new JArray(g.Select(i => i.Value).Distinct(StringComparer.Ordinal)) })),
            }.ToString(Newtonsoft.Json.Formatting.None);
    }
}
