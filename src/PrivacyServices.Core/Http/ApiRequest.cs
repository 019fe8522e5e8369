using System;
using System.Collections.Generic;
using System.Net.Http;

namespace PrivacyServices.Http
{
    /// <summary>An API call to make. The content is built anew for each attempt, since a sent HttpContent cannot be sent again.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, Uri uri, Func<HttpContent?>? content = null, IReadOnlyDictionary<string, string>? headers = null, bool streamResponse = false)
        {
            StreamResponse = streamResponse;
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
            Content = content;
            Headers = headers;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        public Func<HttpContent?>? Content { get; }
        public IReadOnlyDictionary<string, string>? Headers { get; }

        /// <summary>
        /// True when the caller reads a large body as a stream (consent-file pages): the response is handed over as soon as its
        /// headers arrive. Otherwise the body is read inside the request's timeout, in one step (small JSON answers).
        /// </summary>
        public bool StreamResponse { get; }

        /// <summary>What the trace and errors call this request: method and URI with secret query values masked.</summary>
        public string Describe() => Method.Method + " " + Redactor.RedactUri(Uri);
    }
}
