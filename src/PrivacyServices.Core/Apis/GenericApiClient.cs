using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using PrivacyServices.Downloads;
using PrivacyServices.Http;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// The answer to a free-form API call: status, headers, and the body as plain .NET values when it is JSON, as text when
    /// it is text, as bytes otherwise (a ZIP must not pass through a string), or saved to a file.
    /// </summary>
    public sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string? contentType, string body, object? json, bool isJson, byte[]? bytes = null, IReadOnlyDictionary<string, string[]>? headers = null, string? savedTo = null)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Body = body;
            Json = json;
            IsJson = isJson;
            Bytes = bytes;
            Headers = headers ?? new Dictionary<string, string[]>();
            SavedTo = savedTo;
        }

        public int StatusCode { get; }
        public string? ContentType { get; }

        /// <summary>The body as text; empty for a binary body or one saved to a file.</summary>
        public string Body { get; }

        /// <summary>The parsed body (dictionaries, arrays, primitives) when <see cref="IsJson"/>.</summary>
        public object? Json { get; }

        public bool IsJson { get; }

        /// <summary>The body's bytes when it is not text (an archive, an image, …).</summary>
        public byte[]? Bytes { get; }

        /// <summary>Response and content headers, names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string[]> Headers { get; }

        /// <summary>Where the body was saved, when it was asked to go to a file.</summary>
        public string? SavedTo { get; }

        /// <summary>How many bytes the body had (text, bytes or file).</summary>
        public long Length { get; internal set; }
    }

    /// <summary>Any method and path on the session's API (Invoke-PrivacyServiceRequest): the pipeline adds auth, headers, retries and errors.</summary>
    public sealed class GenericApiClient
    {
        private readonly SessionHttpClient _http;

        public GenericApiClient(SessionHttpClient http) => _http = http;

        /// <summary>Resolves a relative path against the API base, or checks an absolute one is on the API host.</summary>
        public Uri Resolve(string uri) => _http.Resolve(uri);

        public Task<ApiResponse> SendAsync(string method, Uri uri, object? body, string? contentType, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken) =>
            SendAsync(method, uri, body, contentType, headers, null, cancellationToken);

        /// <param name="body">A string (sent as is), or plain values (dictionaries, lists, primitives) serialized as JSON; null for none.</param>
        /// <param name="outFile">Saves the body there (whole, or not at all) instead of returning it.</param>
        public async Task<ApiResponse> SendAsync(
            string method,
            Uri uri,
            object? body,
            string? contentType,
            IReadOnlyDictionary<string, string>? headers,
            string? outFile,
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
            var request = new ApiRequest(httpMethod, uri, content, headers);
            if (outFile != null)
            {
                return await SaveAsync(request, outFile, cancellationToken).ConfigureAwait(false);
            }

            return await _http.SendAsync(request, async (response, scope) =>
            {
                var bytes = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return Read(response, bytes, request);
            }, cancellationToken).ConfigureAwait(false);
        }

        private static ApiResponse Read(HttpResponseMessage response, byte[] bytes, ApiRequest request)
        {
            var status = (int)response.StatusCode;
            var headers = HeadersOf(response);
            var responseType = response.Content?.Headers.ContentType?.MediaType;
            if (!BodyKinds.IsText(responseType, response.Content?.Headers.ContentType?.CharSet, bytes))
            {
                return new ApiResponse(status, responseType, string.Empty, null, false, bytes, headers) { Length = bytes.Length };
            }

            var text = ResponseText.Decode(response.Content!, bytes, bytes.Length);
            var looksJson = (responseType != null && responseType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0)
                || (responseType == null && text.TrimStart().StartsWith("{", StringComparison.Ordinal))
                || (responseType == null && text.TrimStart().StartsWith("[", StringComparison.Ordinal));
            if (looksJson && text.Trim().Length > 0)
            {
                return new ApiResponse(status, responseType, text, PlainJson.ParsePlain(text, request.Describe()), true, null, headers) { Length = bytes.Length };
            }

            return new ApiResponse(status, responseType, text, null, false, null, headers) { Length = bytes.Length };
        }

        /// <summary>Streams the body into a partial file inside the request's attempt, then renames it over <paramref name="outFile"/>.</summary>
        private Task<ApiResponse> SaveAsync(ApiRequest request, string outFile, CancellationToken cancellationToken) =>
            BodyToFile.WholeOrNothingAsync(outFile, partialPath => _http.SendAsync(request, async (answer, scope) =>
            {
                var length = await BodyToFile.CopyAsync(answer, scope, partialPath).ConfigureAwait(false);
                return new ApiResponse((int)answer.StatusCode, answer.Content.Headers.ContentType?.MediaType, string.Empty, null, false, null, HeadersOf(answer), outFile) { Length = length };
            }, cancellationToken));

        private static IReadOnlyDictionary<string, string[]> HeadersOf(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            {
                headers[header.Key] = header.Value.ToArray();
            }

            return headers;
        }
    }
}
