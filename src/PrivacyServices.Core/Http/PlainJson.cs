using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacyServices.Http
{
    /// <summary>JSON to plain .NET values (ordered dictionaries, arrays, primitives) so callers need no JSON library.</summary>
    public static class PlainJson
    {
        public static JToken Parse(string text, string what)
        {
            try
            {
                using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 })
                {
                    var token = JToken.ReadFrom(reader);
                    return token;
                }
            }
            catch (JsonException ex)
            {
                throw Malformed(what, ex);
            }
        }

        /// <summary>The error for a body that is not valid JSON, naming the request and the parser's first sentence.</summary>
        public static PrivacyServiceException Malformed(string what, JsonException ex) =>
            new PrivacyServiceException(
                PrivacyErrorKind.InvalidResponse,
                "PrivacyServices.Api.MalformedJson",
                $"{what} did not return valid JSON ({ex.Message.Split('.')[0]}).");

        public static object? ToPlain(JToken? token)
        {
            if (token == null)
            {
                return null;
            }

            switch (token.Type)
            {
                case JTokenType.Array:
                    return token.Select(ToPlain).ToArray();
                case JTokenType.Object:
                    var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in ((JObject)token).Properties())
                    {
                        result[property.Name] = ToPlain(property.Value);
                    }

                    return result;
                case JTokenType.Null:
                case JTokenType.Undefined:
                    return null;
                default:
                    return ((JValue)token).Value;
            }
        }

        /// <summary>A field's text when it is a string or a number; null when absent or of another shape (never throws).</summary>
        public static string? Text(JObject obj, string name)
        {
            var token = obj.GetValue(name, StringComparison.OrdinalIgnoreCase);
            switch (token?.Type)
            {
                case JTokenType.String:
                case JTokenType.Integer:
                case JTokenType.Float:
                case JTokenType.Boolean:
                case JTokenType.Guid:
                case JTokenType.Uri:
                    return Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }

        /// <summary>A finite number from a JSON number or numeric string; null for anything else (huge integers included).</summary>
        public static double? Number(JToken? token)
        {
            if (!(token is JValue value) || value.Value == null)
            {
                return null;
            }

            try
            {
                var number = value.Type == JTokenType.String
                    ? double.Parse((string)value.Value, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : Convert.ToDouble(value.Value, CultureInfo.InvariantCulture);
                return double.IsNaN(number) || double.IsInfinity(number) ? (double?)null : number;
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                return null;
            }
        }

        public static DateTimeOffset? ReadDate(JToken? token)
        {
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            if (token.Type == JTokenType.Integer)
            {
                var number = Number(token) ?? 0;
                if (number <= 0 || number >= 253402300799000)
                {
                    return null;
                }

                return number > 100000000000 ? DateTimeOffset.FromUnixTimeMilliseconds((long)number) : DateTimeOffset.FromUnixTimeSeconds((long)number);
            }

            var text = token.Type == JTokenType.String ? token.Value<string>() : token.ToString();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;
        }
    }
}
