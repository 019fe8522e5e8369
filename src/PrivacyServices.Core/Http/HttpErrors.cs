using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>Turns an unsuccessful HTTP response into a <see cref="PrivacyServiceException"/>.</summary>
    public static class HttpErrors
    {
        public static async Task<PrivacyServiceException> FromResponseAsync(HttpResponseMessage response, string operation, string errorIdPrefix)
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
            var vendor = VendorError.Parse(body);
            var requestId = VendorError.ReadRequestId(response);
            var text = vendor.Describe() ?? response.ReasonPhrase ?? "no error text";
            var message = $"{operation} failed: {text} (HTTP {status}{(requestId == null ? string.Empty : ", request id " + requestId)}).";
            return new PrivacyServiceException(
                PrivacyServiceException.KindForStatus(status),
                $"{errorIdPrefix}.Http{status}",
                Redactor.RedactText(message),
                status,
                vendor.Code,
                requestId);
        }
    }
}
