using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacyServices.Http
{
    /// <summary>The error code and text a vendor put in an error body, whatever its shape.</summary>
    public sealed class VendorError
    {
        public VendorError(string? code, string? message)
        {
            Code = code;
            Message = message;
        }

        public string? Code { get; }
        public string? Message { get; }

        /// <summary>Parses an error body where <paramref name="format"/> (default: <see cref="ErrorFormat.Common"/>) says the
        /// code and text are. Never throws; unknown text gives a short excerpt.</summary>
        public static VendorError Parse(string? body, ErrorFormat? format = null)
        {
            format = format ?? ErrorFormat.Common;
            if (string.IsNullOrWhiteSpace(body))
            {
                return new VendorError(null, null);
            }

            JToken? root = null;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(body!)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 })
                {
                    root = JToken.ReadFrom(reader);
                }
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
            }

            var obj = root as JObject ?? (root as JArray)?.FirstOrDefault() as JObject;
            if (obj == null)
            {
                return new VendorError(null, Excerpt(body!));
            }

            // Some vendors nest the details: {"error":{"code":…,"message":…}} or {"errors":[{…}]}.
            var nested = obj["error"] as JObject ?? (obj["errors"] as JArray)?.FirstOrDefault() as JObject;
            if (nested != null)
            {
                obj = nested;
            }

            var code = FirstString(obj, format.CodeFields) ?? CodeFromProblemType(obj);
            var message = FirstString(obj, format.MessageFields);
            return new VendorError(code, message);
        }

        public static string? ReadRequestId(HttpResponseMessage response, ErrorFormat? format = null)
        {
            foreach (var name in (format ?? ErrorFormat.Common).RequestIdHeaders)
            {
                if (response.Headers.TryGetValues(name, out IEnumerable<string>? values))
                {
                    var value = values.FirstOrDefault();
                    if (!string.IsNullOrEmpty(value))
                    {
                        return value;
                    }
                }
            }

            return null;
        }

        /// <summary>"code: message", or whichever part exists.</summary>
        public string? Describe()
        {
            if (!string.IsNullOrEmpty(Code) && !string.IsNullOrEmpty(Message))
            {
                return Code + ": " + Message;
            }

            return !string.IsNullOrEmpty(Message) ? Message : Code;
        }

        /// <summary>RFC 7807 problem details may name their code in the last segment of <c>type</c> (<c>…/errors/PRVCY-1000-400</c>).</summary>
        private static string? CodeFromProblemType(JObject obj)
        {
            var type = obj["type"];
            if (type == null || type.Type != JTokenType.String || !Uri.TryCreate(type.ToString(), UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return null;
            }

            var segment = uri.Segments.LastOrDefault()?.Trim('/');
            return string.IsNullOrEmpty(segment) ? null : Excerpt(segment!);
        }

        private static string? FirstString(JObject obj, IReadOnlyList<string> names)
        {
            foreach (var name in names)
            {
                var token = obj[name];
                if (token != null && (token.Type == JTokenType.String || token.Type == JTokenType.Integer))
                {
                    var text = token.ToString();
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        return Excerpt(text);
                    }
                }
            }

            return null;
        }

        private static string Excerpt(string text)
        {
            var trimmed = text.Trim();
            return trimmed.Length <= 300 ? trimmed : trimmed.Substring(0, 300) + "…";
        }
    }
}
