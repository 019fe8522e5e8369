using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using PrivacyServices.Http;

namespace PrivacyServices.Apis
{
    /// <summary>The answer to a free-form API call: status, and the body as plain .NET values when it is JSON.</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string? contentType, string body, object? json, bool isJson)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Body = body;
            Json = json;
            IsJson = isJson;
        }

        public int StatusCode { get; }
        public string? ContentType { get; }
        public string Body { get; }

        /// <summary>The parsed body (dictionaries, arrays, primitives) when <see cref="IsJson"/>.</summary>
        public object? Json { get; }

        public bool IsJson { get; }
    }

    /// <summary>Any method and path on the session's API (Invoke-PrivacyServiceRequest): the pipeline adds auth, headers, retries and errors.</summary>
    public sealed class GenericApiClient
    {
        private readonly SessionHttpClient _http;

        public GenericApiClient(SessionHttpClient http) => _http = http;

        /// <summary>Resolves a relative path against the API base, or checks an absolute one is on the API host.</summary>
        public Uri Resolve(string uri) => _http.Resolve(uri);

        /// <param name="body">A string (sent as is), or plain values (dictionaries, lists, primitives) serialized as JSON; null for none.</param>
        public async Task<ApiResponse> SendAsync(
            string method,
            Uri uri,
            object? body,
            string? contentType,
            IReadOnlyDictionary<string, string>? headers,
            CancellationToken cancellationToken)
        {
            var httpMethod = new HttpMethod(method.ToUpperInvariant());
            if (body != null && (httpMethod == HttpMethod.Get || httpMethod == HttpMethod.Head))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Request.BodyNotAllowed",
                    $"A {httpMethod.Method} request has no body (servers and proxies drop or refuse one); nothing was sent. Send the body with POST, PUT or PATCH, or put the values in the query string.",
                    parameter: "Body");
            }

            var payload = body switch
            {
                null => null,
                string text => text,
                _ => JsonConvert.SerializeObject(body, Formatting.None),
            };
            var mediaType = string.IsNullOrEmpty(contentType) ? "application/json" : contentType!;
            Func<HttpContent?>? content = payload == null ? (Func<HttpContent?>?)null : () => new StringContent(payload, Encoding.UTF8, mediaType);

            using (var response = await _http.SendAsync(new ApiRequest(httpMethod, uri, content, headers), cancellationToken).ConfigureAwait(false))
            {
                var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var responseType = response.Content?.Headers.ContentType?.MediaType;
                var looksJson = (responseType != null && responseType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0)
                    || (responseType == null && text.TrimStart().StartsWith("{", StringComparison.Ordinal))
                    || (responseType == null && text.TrimStart().StartsWith("[", StringComparison.Ordinal));
                if (looksJson && text.Trim().Length > 0)
                {
                    return new ApiResponse((int)response.StatusCode, responseType, text, PlainJson.ParsePlain(text, new ApiRequest(httpMethod, uri).Describe()), true);
                }

                return new ApiResponse((int)response.StatusCode, responseType, text, null, false);
            }
        }
    }
}
