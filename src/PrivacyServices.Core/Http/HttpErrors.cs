using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>Turns an unsuccessful HTTP response into a <see cref="PrivacyServiceException"/>.</summary>
    public static class HttpErrors
    {
        /// <summary>
        /// OAuth error codes that mean "these credentials are wrong", whatever the status: RFC 6749 §5.2 lets a token
        /// endpoint answer invalid_client with 400, and some identity providers do.
        /// </summary>
        private static readonly string[] AuthenticationCodes = { "invalid_client", "invalid_grant", "unauthorized_client", "invalid_token" };

        public static PrivacyErrorKind KindFor(int status, string? vendorCode) =>
            status == 400 && vendorCode != null && Array.IndexOf(AuthenticationCodes, vendorCode) >= 0
                ? PrivacyErrorKind.Authentication
                : PrivacyServiceException.KindForStatus(status);

        public static async Task<PrivacyServiceException> FromResponseAsync(HttpResponseMessage response, string operation, string errorIdPrefix, ErrorFormat? format = null)
        {
            string? body = null;
            try
            {
                body = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
            }

            var status = (int)response.StatusCode;
            var vendor = VendorError.Parse(body, format);
            var requestId = VendorError.ReadRequestId(response, format);
            var text = vendor.Describe() ?? response.ReasonPhrase ?? "no error text";
            var message = $"{operation} failed: {text} (HTTP {status}{(requestId == null ? string.Empty : ", request id " + requestId)}).";
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
