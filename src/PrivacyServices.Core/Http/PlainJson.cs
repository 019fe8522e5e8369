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
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    "PrivacyServices.Api.MalformedJson",
                    $"{what} did not return valid JSON ({ex.Message.Split('.')[0]}).");
            }
        }

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

        public static DateTimeOffset? ReadDate(JToken? token)
        {
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            if (token.Type == JTokenType.Integer)
            {
                var number = token.Value<long>();
                return number > 100000000000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
            }

            var text = token.Type == JTokenType.String ? token.Value<string>() : token.ToString();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;
        }
    }
}
