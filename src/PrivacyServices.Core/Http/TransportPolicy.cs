using System;
using System.Net;

namespace PrivacyServices.Http
{
    /// <summary>Secrets and tokens travel over HTTPS only; plain HTTP is allowed to loopback (the emulator, tests).</summary>
    public static class TransportPolicy
    {
        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }

            return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>Same scheme, host and port: the test for whether a session's token may go to <paramref name="uri"/>.</summary>
        public static bool SameOrigin(Uri uri, Uri origin) =>
            uri.IsAbsoluteUri && Uri.Compare(uri, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>Throws a clear error naming the parameter when <paramref name="uri"/> may not carry secrets.</summary>
        public static void EnsureSecure(Uri uri, string parameterName)
        {
            if (uri == null)
            {
                throw new ArgumentNullException(parameterName);
            }

            if (!uri.IsAbsoluteUri)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Transport.RelativeUri",
                    $"{parameterName} must be an absolute URI; '{Redactor.RedactUri(uri)}' is relative.");
            }

            if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
            {
                return;
            }

            throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidArgument,
                "PrivacyServices.Transport.InsecureUri",
                $"{parameterName} '{Redactor.RedactUri(uri)}' is refused: credentials and tokens are only sent over HTTPS " +
                "(plain HTTP is allowed only to loopback addresses such as 127.0.0.1 or localhost, for the emulator).");
        }
    }
}
