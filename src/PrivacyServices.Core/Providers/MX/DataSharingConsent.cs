using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Models
{
    /// <summary>
    /// A customer's consent to share account data with an application (MX consent management for FDX data providers): which
    /// app, which accounts, since when, and whether it was revoked.
    /// </summary>
    public sealed class DataSharingConsent
    {
        public string Id { get; internal set; } = string.Empty;
        public string? ApplicationName { get; internal set; }
        public Uri? ApplicationIconUrl { get; internal set; }
        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? ConsentedOn { get; internal set; }
        public DateTimeOffset? LastAccessed { get; internal set; }

        /// <summary>When the customer (or this module) revoked it; null while it is in force.</summary>
        public DateTimeOffset? RevokedAt { get; internal set; }

        public bool IsRevoked => RevokedAt.HasValue;

        /// <summary>Whether accounts the customer opens later are shared too.</summary>
        public bool? AutoEnableFutureAccounts { get; internal set; }

        public IReadOnlyList<DataSharingAccount> Accounts { get; internal set; } = ReadableList<DataSharingAccount>.Empty;

        public int SharedAccounts => Accounts.Count(a => a.Enabled);

        public override string ToString() => $"{Id} ({ApplicationName}){(IsRevoked ? ", revoked" : string.Empty)}";

        /// <summary>Reads one consent object as MX documents it (snake_case fields); an id is required.</summary>
        public static DataSharingConsent Read(JObject json)
        {
            var id = Text(json, "id");
            if (string.IsNullOrEmpty(id))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.MX.ConsentIdMissing", "MX returned a consent without an id.");
            }

            return new DataSharingConsent
            {
                Id = id!,
                ApplicationName = Text(json, "application_name"),
                ApplicationIconUrl = Uri.TryCreate(Text(json, "application_icon_url") ?? string.Empty, UriKind.Absolute, out var icon) ? icon : null,
                CreatedAt = Date(json, "created_at"),
                ConsentedOn = Date(json, "consented_on"),
                LastAccessed = Date(json, "last_accessed"),
                RevokedAt = Date(json, "revoked_at"),
                AutoEnableFutureAccounts = json["auto_enable_future_accounts"]?.Type == JTokenType.Boolean ? json["auto_enable_future_accounts"]!.Value<bool>() : (bool?)null,
                Accounts = (json["accounts"] as JArray)?.OfType<JObject>().Select(DataSharingAccount.Read).ToList() is { } accounts ? new ReadableList<DataSharingAccount>(accounts) : ReadableList<DataSharingAccount>.Empty,
            };
        }

        /// <summary>The consents of a list answer: a bare array, or an object holding one under "consents" (or "data").</summary>
        public static IReadOnlyList<DataSharingConsent> ReadList(JToken json)
        {
            var array = json as JArray ?? (json as JObject)?["consents"] as JArray ?? (json as JObject)?["data"] as JArray
                ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.MX.UnexpectedShape", "The consent list is neither an array nor an object with a 'consents' array.");
            return array.OfType<JObject>().Select(Read).ToArray();
        }

        internal static string? Text(JObject json, string name) =>
            json[name] is JValue value && value.Type != JTokenType.Null ? Convert.ToString(value.Value, CultureInfo.InvariantCulture) : null;

        private static DateTimeOffset? Date(JObject json, string name) =>
            DateTimeOffset.TryParse(Text(json, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : (DateTimeOffset?)null;
    }

    /// <summary>One account of a consent, and whether it is shared.</summary>
    public sealed class DataSharingAccount
    {
        public string AccountId { get; internal set; } = string.Empty;
        public string? Nickname { get; internal set; }
        public string? AccountNumberDisplay { get; internal set; }
        public bool Enabled { get; internal set; }

        public override string ToString() => $"{Nickname ?? AccountId} {AccountNumberDisplay}{(Enabled ? string.Empty : " (not shared)")}".Trim();

        internal static DataSharingAccount Read(JObject json) => new DataSharingAccount
        {
            AccountId = DataSharingConsent.Text(json, "account_id") ?? string.Empty,
            Nickname = DataSharingConsent.Text(json, "nickname"),
            AccountNumberDisplay = DataSharingConsent.Text(json, "account_number_display"),
            Enabled = json["enabled"]?.Type == JTokenType.Boolean && json["enabled"]!.Value<bool>(),
        };
    }
}
