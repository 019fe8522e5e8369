using System;
using System.Text;

namespace PrivacyServices.Apis
{
    /// <summary>Whether an answer's body is text (returned as a string) or bytes (an archive, an image: never through a string).</summary>
    public static class BodyKinds
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        public static bool IsText(string? mediaType, string? charset, byte[] body)
        {
            if (!string.IsNullOrEmpty(charset))
            {
                return true;
            }

            if (mediaType != null)
            {
                var type = mediaType.ToLowerInvariant();
                return type.StartsWith("text/", StringComparison.Ordinal)
                    || type.Contains("json") || type.Contains("xml") || type.Contains("javascript")
                    || type == "application/x-www-form-urlencoded";
            }

            // No type at all: text when it decodes as UTF-8 and holds no NUL, which text never does and binary formats nearly always do.
            if (Array.IndexOf(body, (byte)0) >= 0)
            {
                return false;
            }

            try
            {
                StrictUtf8.GetString(body);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
