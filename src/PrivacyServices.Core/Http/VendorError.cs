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
        private static readonly string[] CodeFields = { "error", "error_code", "errorCode", "code", "responseMsgCode" };
        private static readonly string[] MessageFields = { "error_description", "message", "errorMessage", "detail", "title", "responseMsgDetail" };
        private static readonly string[] RequestIdHeaders = { "x-request-id", "x-adobe-request-id", "request-id", "x-correlation-id", "x-ms-request-id" };

        public VendorError(string? code, string? message)
        {
            Code = code;
            Message = message;
        }

        public string? Code { get; }
        public string? Message { get; }

        /// <summary>Parses OAuth (<c>error</c>/<c>error_description</c>), Adobe gateway (<c>error_code</c>/<c>message</c>),
        /// LiveRamp (<c>errorCode</c>/<c>message</c>) and similar bodies. Never throws; unknown text gives a short excerpt.</summary>
        public static VendorError Parse(string? body)
        {
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

            var code = FirstString(obj, CodeFields) ?? CodeFromProblemType(obj);
            var message = FirstString(obj, MessageFields);
            return new VendorError(code, message);
        }

        public static string? ReadRequestId(HttpResponseMessage response)
        {
            foreach (var name in RequestIdHeaders)
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

        /// <summary>Experience Platform's errors name their code in <c>type</c>: <c>http://ns.adobe.com/aep/errors/PRVCY-1000-400</c>.</summary>
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

        private static string? FirstString(JObject obj, string[] names)
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
