using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// Reads a page of LiveRamp's consent-file list: a bare JSON array (the documented shape), or, defensively, an object
    /// holding the array. Field names are matched case-insensitively; a missing required field is an error naming it.
    /// </summary>
    public static class ConsentFileReader
    {
        private static readonly string[] WrapperFields = { "consentFiles", "data", "items", "results", "content" };

        private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "id", "identifierType", "muidDeviceType", "muidFormat", "requestType", "dataController", "fileURL", "createdAt",
        };

        public static IReadOnlyList<ConsentFile> ReadPage(string body) => ReadPage(new StringReader(body));

        /// <summary>
        /// Reads a page one consent file's JSON at a time, so no tree of the whole page is ever built (a page of a thousand
        /// files would be some 4 MB of JSON objects).
        /// </summary>
        public static IReadOnlyList<ConsentFile> ReadPage(TextReader body)
        {
            // The name table makes each field name one string per page instead of a new one per file.
            using (var reader = new JsonTextReader(body) { DateParseHandling = DateParseHandling.None, MaxDepth = 128, CloseInput = false, PropertyNameTable = new DefaultJsonNameTable() })
            {
                try
                {
                    reader.Read();
                    if (reader.TokenType == JsonToken.StartArray)
                    {
                        return ReadItems(reader);
                    }

                    var root = JToken.ReadFrom(reader);
                    var array = FindWrappedArray(root as JObject)
                        ?? throw Invalid("PrivacyServices.LiveRamp.UnexpectedShape", $"The consent-file list is not a JSON array (it is {Describe(root)}).");
                    var files = new List<ConsentFile>(array.Count);
                    for (var i = 0; i < array.Count; i++)
                    {
                        files.Add(Read(array[i] as JObject ?? throw NotAnObject(i), i));
                    }

                    return files;
                }
                catch (JsonException ex)
                {
                    throw PlainJson.Malformed("GET consent-files", ex);
                }
            }
        }

        private static IReadOnlyList<ConsentFile> ReadItems(JsonReader reader)
        {
            var files = new List<ConsentFile>();
            while (reader.Read() && reader.TokenType != JsonToken.EndArray)
            {
                if (reader.TokenType != JsonToken.StartObject)
                {
                    throw NotAnObject(files.Count);
                }

                files.Add(Read(JObject.Load(reader), files.Count));
            }

            if (reader.TokenType != JsonToken.EndArray)
            {
                throw new JsonReaderException("Unexpected end of content while loading the consent-file list.");
            }

            return files;
        }

        public static ConsentFile Read(JObject json, int position = 0)
        {
            var idText = RequiredText(json, "id", position, null);
            if (!Guid.TryParse(idText, out var id))
            {
                throw Field(position, null, "id", "is not a UUID");
            }

            var identifierType = RequiredText(json, "identifierType", position, id);
            var requestType = RequiredText(json, "requestType", position, id);
            var controller = ReadController(json, position, id);
            // On Unix "/path" parses as an absolute file: URI, hence the scheme check.
            if (!Uri.TryCreate(RequiredText(json, "fileURL", position, id), UriKind.Absolute, out var fileUrl) ||
                (fileUrl.Scheme != Uri.UriSchemeHttps && fileUrl.Scheme != Uri.UriSchemeHttp))
            {
                throw Field(position, id, "fileURL", "is not an absolute http(s) URL");
            }

            var createdAtToken = Required(json, "createdAt", position, id);
            var createdAt = PlainJson.ReadDate(createdAtToken) ?? throw Field(position, id, "createdAt", "is not an ISO 8601 date");

            Dictionary<string, object?>? extra = null;
            foreach (var property in json.Properties())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    extra = extra ?? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    extra[property.Name] = PlainJson.ToPlain(property.Value);
                }
            }

            return new ConsentFile(
                id,
                identifierType,
                OptionalText(json, "muidDeviceType"),
                OptionalText(json, "muidFormat"),
                requestType,
                controller,
                fileUrl,
                createdAt.ToUniversalTime(),
                extra);
        }

        private static DataController ReadController(JObject json, int position, Guid id)
        {
            var controller = Required(json, "dataController", position, id) as JObject
                ?? throw Field(position, id, "dataController", "is not an object");
            var flag = Required(controller, "liverampControlled", position, id, "dataController.liverampControlled");
            bool liveRampControlled;
            if (flag.Type == JTokenType.Boolean)
            {
                liveRampControlled = flag.Value<bool>();
            }
            else if (flag.Type != JTokenType.String || !bool.TryParse(flag.Value<string>(), out liveRampControlled))
            {
                throw Field(position, id, "dataController.liverampControlled", "is not true or false");
            }

            return new DataController(OptionalText(controller, "controllerSpecifier"), OptionalText(controller, "controllerID"), liveRampControlled);
        }

        private static PrivacyServiceException NotAnObject(int position) =>
            Invalid("PrivacyServices.LiveRamp.InvalidConsentFile", $"Item {position} of the consent-file list is not a JSON object.");

        private static JArray? FindWrappedArray(JObject? obj) =>
            obj == null ? null : WrapperFields.Select(name => obj.GetValue(name, StringComparison.OrdinalIgnoreCase) as JArray).FirstOrDefault(a => a != null);

        private static JToken Required(JObject json, string name, int position, Guid? id, string? path = null)
        {
            var token = json.GetValue(name, StringComparison.OrdinalIgnoreCase);
            if (token == null || token.Type == JTokenType.Null)
            {
                throw Field(position, id, path ?? name, "is missing");
            }

            return token;
        }

        private static string RequiredText(JObject json, string name, int position, Guid? id)
        {
            var token = Required(json, name, position, id);
            var text = token.Type == JTokenType.String ? token.Value<string>() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Field(position, id, name, "is empty or not text");
            }

            return text!.Trim();
        }

        private static string? OptionalText(JObject json, string name)
        {
            var token = json.GetValue(name, StringComparison.OrdinalIgnoreCase);
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            var text = token.Type == JTokenType.String ? token.Value<string>() : token.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static PrivacyServiceException Field(int position, Guid? id, string field, string problem)
        {
            var which = id.HasValue
                ? $"Consent file {id.Value} (item {position.ToString(CultureInfo.InvariantCulture)} of the page)"
                : $"Item {position.ToString(CultureInfo.InvariantCulture)} of the consent-file list";
            return Invalid("PrivacyServices.LiveRamp.InvalidConsentFile", $"{which}: the required field \"{field}\" {problem}.");
        }

        private static string Describe(JToken token) => token.Type == JTokenType.Object ? "an object without a list of consent files" : "a " + token.Type.ToString().ToLowerInvariant();

        private static PrivacyServiceException Invalid(string errorId, string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, errorId, message);
    }
}
