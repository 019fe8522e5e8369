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

        /// <summary>
        /// Reads <paramref name="text"/> straight into plain values (what <see cref="ToPlain"/> makes of <see cref="Parse"/>),
        /// without building a JToken tree first: half the allocations on the per-call path of small answers.
        /// </summary>
        public static object? ParsePlain(string text, string what)
        {
            try
            {
                using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 })
                {
                    if (!ReadSkippingComments(reader))
                    {
                        throw new JsonReaderException("Unexpected end of content: the body is empty.");
                    }

                    return ReadPlain(reader);
                }
            }
            catch (JsonException ex)
            {
                throw Malformed(what, ex);
            }
        }

        private static object? ReadPlain(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonToken.StartObject:
                    var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    while (Next(reader) == JsonToken.PropertyName)
                    {
                        var name = (string)reader.Value!;
                        Next(reader);
                        fields[name] = ReadPlain(reader);
                    }

                    return reader.TokenType == JsonToken.EndObject ? fields : throw Unexpected(reader);
                case JsonToken.StartArray:
                    var items = new List<object?>();
                    while (Next(reader) != JsonToken.EndArray)
                    {
                        items.Add(ReadPlain(reader));
                    }

                    return items.ToArray();
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.Integer:
                case JsonToken.Float:
                case JsonToken.String:
                case JsonToken.Boolean:
                case JsonToken.Date:
                case JsonToken.Bytes:
                    return reader.Value;
                default:
                    throw Unexpected(reader);
            }
        }

        private static JsonToken Next(JsonReader reader) =>
            ReadSkippingComments(reader) ? reader.TokenType : throw new JsonReaderException("Unexpected end of content.");

        private static bool ReadSkippingComments(JsonReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return true;
                }
            }

            return false;
        }

        private static JsonReaderException Unexpected(JsonReader reader) =>
            new JsonReaderException($"Unexpected token {reader.TokenType} at {reader.Path}.");

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

            return ReadDateValue(token.Type == JTokenType.Integer ? ((JValue)token).Value : token.Type == JTokenType.String ? token.Value<string>() : token.ToString());
        }

        /// <summary>
        /// A date from a plain JSON value: Unix seconds or milliseconds (told apart by size) or an ISO 8601 text, read as UTC
        /// when it has no offset; null for anything else (never throws).
        /// </summary>
        public static DateTimeOffset? ReadDateValue(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case long number:
                    return FromUnixTime(number);
                case int number:
                    return FromUnixTime(number);
                case System.Numerics.BigInteger _:
                    return null;
                default:
                    var text = value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                        ? parsed
                        : (DateTimeOffset?)null;
            }
        }

        private static DateTimeOffset? FromUnixTime(long number)
        {
            if (number <= 0 || number >= 253402300799000)
            {
                return null;
            }

            return number > 100000000000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
        }
    }
}
