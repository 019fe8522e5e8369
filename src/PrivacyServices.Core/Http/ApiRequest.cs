using System;
using System.Collections.Generic;
using System.Net.Http;

namespace PrivacyServices.Http
{
    /// <summary>An API call to make. The content is built anew for each attempt, since a sent HttpContent cannot be sent again.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, Uri uri, Func<HttpContent?>? content = null, IReadOnlyDictionary<string, string>? headers = null)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
            Content = content;
            HeaderRules.Check(headers, "Headers");
            Headers = headers;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        public Func<HttpContent?>? Content { get; }
        public IReadOnlyDictionary<string, string>? Headers { get; }

        /// <summary>What the trace and errors call this request: method and URI with secret query values masked.</summary>
        public string Describe() => Method.Method + " " + Redactor.RedactUri(Uri);
    }
}
