using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacyServices.Tokens
{
    /// <summary>Reads the payload of a JWT without validating it: the module only needs <c>exp</c> and the claims to show.</summary>
    public static class JwtPayloadReader
    {
        private static readonly IReadOnlyDictionary<string, object?> NoClaims =
            new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

        /// <summary>The decoded claims, or an empty dictionary when the token is opaque or malformed.</summary>
        public static IReadOnlyDictionary<string, object?> ReadClaims(string? token)
        {
            var payload = ReadPayload(token);
            if (payload == null)
            {
                return NoClaims;
            }

            var claims = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in payload.Properties())
            {
                claims[property.Name] = ToPlainValue(property.Value);
            }

            return new ReadOnlyDictionary<string, object?>(claims);
        }

        /// <summary>The <c>exp</c> claim as a time, if the token is a JWT that has one.</summary>
        public static DateTimeOffset? ReadExpiry(string? token) => ReadTimeClaim(ReadPayload(token), "exp");

        /// <summary>The <c>iat</c> claim as a time, if present.</summary>
        public static DateTimeOffset? ReadIssuedAt(string? token) => ReadTimeClaim(ReadPayload(token), "iat");

        private static DateTimeOffset? ReadTimeClaim(JObject? payload, string name)
        {
            var value = payload?[name];
            if (value == null)
            {
                return null;
            }

            var seconds = Http.PlainJson.Number(value);
            if (seconds > 0 && seconds < 253402300799)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds.Value * 1000));
            }

            return null;
        }

        private static JObject? ReadPayload(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            var parts = token!.Split('.');
            if (parts.Length != 3 && parts.Length != 5)
            {
                return null;
            }

            var bytes = DecodeBase64Url(parts[1]);
            if (bytes == null)
            {
                return null;
            }

            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(Encoding.UTF8.GetString(bytes))) { DateParseHandling = DateParseHandling.None })
                {
                    return JToken.ReadFrom(reader) as JObject;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static byte[]? DecodeBase64Url(string segment)
        {
            var base64 = segment.Replace('-', '+').Replace('_', '/');
            switch (base64.Length % 4)
            {
                case 2: base64 += "=="; break;
                case 3: base64 += "="; break;
                case 1: return null;
            }

            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static object? ToPlainValue(JToken token)
        {
            switch (token.Type)
            {
                case JTokenType.Array:
                    var items = new List<object?>();
                    foreach (var item in token)
                    {
                        items.Add(ToPlainValue(item));
                    }

                    return items.ToArray();
                case JTokenType.Object:
                    var nested = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in ((JObject)token).Properties())
                    {
                        nested[property.Name] = ToPlainValue(property.Value);
                    }

                    return new ReadOnlyDictionary<string, object?>(nested);
                case JTokenType.Null:
                case JTokenType.Undefined:
                    return null;
                default:
                    return ((JValue)token).Value;
            }
        }
    }
}
