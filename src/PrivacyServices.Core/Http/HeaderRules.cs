using System;
using System.Collections.Generic;

namespace PrivacyServices.Http
{
    /// <summary>
    /// What may go on the wire as a header: a name of token characters (RFC 9110 §5.1) and a value without CR, LF or NUL,
    /// which would end the header early and let the rest pass as headers or a body of its own (request splitting).
    /// </summary>
    public static class HeaderRules
    {
        private const string TokenSymbols = "!#$%&'*+-.^_`|~";

        public static void Check(IReadOnlyDictionary<string, string>? headers, string parameter)
        {
            if (headers == null)
            {
                return;
            }

            foreach (var header in headers)
            {
                if (!IsToken(header.Key))
                {
                    throw Invalid(parameter, $"The header name '{Printable(header.Key)}' is not a valid HTTP header name: use letters, digits and {TokenSymbols} only, with no spaces, colons or line breaks.");
                }

                var bad = header.Value == null ? -1 : header.Value.IndexOfAny(new[] { '\r', '\n', '\0' });
                if (bad >= 0)
                {
                    throw Invalid(parameter, $"The value of header '{header.Key}' contains a {Describe(header.Value![bad])} at position {bad + 1}; a header value must be one line, so nothing was sent.");
                }
            }
        }

        private static bool IsToken(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            foreach (var c in name!)
            {
                if (c > 126 || c <= 32 || !(char.IsLetterOrDigit(c) || TokenSymbols.IndexOf(c) >= 0))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Describe(char c) => c == '\r' ? "carriage return (CR)" : c == '\n' ? "line feed (LF)" : "NUL character";

        private static string Printable(string? name) => (name ?? string.Empty).Replace("\r", "\\r").Replace("\n", "\\n");

        private static PrivacyServiceException Invalid(string parameter, string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Request.HeaderInvalid", message, parameter: parameter);
    }
}
