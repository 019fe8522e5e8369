using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>Turns an unsuccessful HTTP response into a <see cref="PrivacyServiceException"/>.</summary>
    public static class HttpErrors
    {
        /// <summary>An error body longer than this is cut: the message needs the vendor's text, not a 300 MB page.</summary>
        public const int ErrorBodyCap = 64 * 1024;

        /// <summary>
        /// OAuth error codes that mean "these credentials are wrong", whatever the status: RFC 6749 §5.2 lets a token
        /// endpoint answer invalid_client with 400, and some identity providers do.
        /// </summary>
        private static readonly string[] AuthenticationCodes = { "invalid_client", "invalid_grant", "unauthorized_client", "invalid_token" };

        public static PrivacyErrorKind KindFor(int status, string? vendorCode) =>
            status == 400 && vendorCode != null && Array.IndexOf(AuthenticationCodes, vendorCode) >= 0
                ? PrivacyErrorKind.Authentication
                : PrivacyServiceException.KindForStatus(status);

        /// <summary>Reads at most <see cref="ErrorBodyCap"/> bytes of an error body; a body that fails to arrive counts as none.</summary>
        public static async Task<string?> ReadCappedAsync(HttpContent? content)
        {
            if (content == null)
            {
                return null;
            }

            try
            {
                var buffer = new byte[ErrorBodyCap];
                var used = 0;
                using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    int read;
                    while (used < buffer.Length && (read = await stream.ReadAsync(buffer, used, buffer.Length - used).ConfigureAwait(false)) > 0)
                    {
                        used += read;
                    }
                }

                return ResponseText.Decode(content, buffer, used);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                return null;
            }
        }

        /// <param name="afterward">A sentence that follows the vendor's text (what was or was not done about it), or null.</param>
        public static async Task<PrivacyServiceException> FromResponseAsync(HttpResponseMessage response, string operation, string errorIdPrefix, ErrorFormat? format = null, string? afterward = null)
        {
            var body = await ReadCappedAsync(response.Content).ConfigureAwait(false);

            var status = (int)response.StatusCode;
            var vendor = VendorError.Parse(body, format);
            var requestId = VendorError.ReadRequestId(response, format);
            var text = vendor.Describe() ?? response.ReasonPhrase ?? "no error text";
            var message = $"{operation} failed: {text} (HTTP {status}{(requestId == null ? string.Empty : ", request id " + requestId)})." + (afterward == null ? string.Empty : " " + afterward);
            return new PrivacyServiceException(
                KindFor(status, vendor.Code),
                $"{errorIdPrefix}.Http{status}",
                Redactor.RedactText(message),
                status,
                vendor.Code,
                requestId);
        }
    }
}
