using Microsoft.Identity.Client;
using PrivacyServices.Http;

namespace PrivacyServices.EntraId
{
    /// <summary>MSAL's own log (warnings and errors, never PII) on the calling cmdlet's -Debug stream, through the one redaction point.</summary>
    internal static class MsalTrace
    {
        public const LogLevel Level = LogLevel.Warning;

        public static void Log(LogLevel level, string message, bool containsPii)
        {
            if (!containsPii)
            {
                PrivacyTrace.Debug($"MSAL {level}: {message}");
            }
        }
    }
}
