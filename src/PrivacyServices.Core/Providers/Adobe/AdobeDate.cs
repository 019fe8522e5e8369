using System;
using System.Globalization;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// Reads Adobe Privacy Service dates: <c>MM/dd/yyyy hh:mm tt GMT</c> (for example <c>10/02/2019 08:25 PM GMT</c>),
    /// also without the zone or with seconds, and ISO 8601. Always in the invariant culture and as UTC.
    /// </summary>
    public static class AdobeDate
    {
        private static readonly string[] AdobeFormats =
        {
            "MM/dd/yyyy hh:mm tt", "MM/dd/yyyy hh:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "MM/dd/yyyy HH:mm", "MM/dd/yyyy HH:mm:ss",
        };

        private static readonly string[] ZoneSuffixes = { " GMT", " UTC" };

        public static bool TryParse(string? text, out DateTimeOffset value)
        {
            value = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var trimmed = text!.Trim();
            var withoutZone = trimmed;
            foreach (var suffix in ZoneSuffixes)
            {
                if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    withoutZone = trimmed.Substring(0, trimmed.Length - suffix.Length).TrimEnd();
                    break;
                }
            }

            const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            if (DateTimeOffset.TryParseExact(withoutZone, AdobeFormats, CultureInfo.InvariantCulture, utc, out value))
            {
                return true;
            }

            // ISO 8601 (what the OpenAPI spec's "format: date-time" promises).
            return trimmed.Length >= 10 && char.IsDigit(trimmed[0]) && trimmed[4] == '-' &&
                   DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, utc, out value);
        }

        /// <summary>Null for null or blank text; a <see cref="PrivacyServiceException"/> for text in no known format.</summary>
        public static DateTimeOffset? Parse(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (TryParse(text, out var value))
            {
                return value;
            }

            var shown = text!.Length > 40 ? text.Substring(0, 40) + "…" : text;
            throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidResponse,
                "PrivacyServices.Adobe.UnreadableDate",
                $"The field '{field}' holds '{shown}', which is neither Adobe's 'MM/dd/yyyy hh:mm tt GMT' nor ISO 8601.");
        }

        /// <summary>A date from JSON: Adobe's text, ISO 8601, or epoch seconds/milliseconds. Null when absent or unreadable.</summary>
        public static DateTimeOffset? Read(JToken? token)
        {
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            if (token.Type == JTokenType.Integer)
            {
                return PlainJson.ReadDate(token);
            }

            return TryParse(token.Type == JTokenType.String ? token.Value<string>() : token.ToString(), out var value) ? value : (DateTimeOffset?)null;
        }

        /// <summary>Adobe's own format, for messages and round-trip tests.</summary>
        public static string Format(DateTimeOffset value) =>
            value.ToUniversalTime().ToString("MM/dd/yyyy hh:mm tt", CultureInfo.InvariantCulture) + " GMT";
    }
}
