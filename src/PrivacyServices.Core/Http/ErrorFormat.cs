using System;
using System.Collections.Generic;
using System.Linq;

namespace PrivacyServices.Http
{
    /// <summary>
    /// Where a vendor puts its error code, its error text and its request id. <see cref="Common"/> reads the usual shapes
    /// (OAuth's error/error_description, code/message, errorCode, RFC 7807 problem details); a provider definition adds
    /// its own fields with <see cref="With"/>.
    /// </summary>
    public sealed class ErrorFormat
    {
        public static readonly ErrorFormat Common = new ErrorFormat(
            new[] { "error", "error_code", "errorCode", "code" },
            new[] { "error_description", "message", "errorMessage", "detail", "title" },
            new[] { "x-request-id", "request-id", "x-correlation-id" });

        private ErrorFormat(IReadOnlyList<string> codeFields, IReadOnlyList<string> messageFields, IReadOnlyList<string> requestIdHeaders)
        {
            CodeFields = codeFields;
            MessageFields = messageFields;
            RequestIdHeaders = requestIdHeaders;
        }

        /// <summary>JSON members that hold the error code, in order of preference.</summary>
        public IReadOnlyList<string> CodeFields { get; }

        /// <summary>JSON members that hold the error text, in order of preference.</summary>
        public IReadOnlyList<string> MessageFields { get; }

        /// <summary>Response headers that hold the vendor's id of the request, in order of preference.</summary>
        public IReadOnlyList<string> RequestIdHeaders { get; }

        /// <summary>This format with more places to look (tried after the ones it has).</summary>
        public ErrorFormat With(IEnumerable<string>? codeFields = null, IEnumerable<string>? messageFields = null, IEnumerable<string>? requestIdHeaders = null) =>
            new ErrorFormat(
                CodeFields.Concat(codeFields ?? Array.Empty<string>()).Distinct().ToArray(),
                MessageFields.Concat(messageFields ?? Array.Empty<string>()).Distinct().ToArray(),
                RequestIdHeaders.Concat(requestIdHeaders ?? Array.Empty<string>()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
    }
}
