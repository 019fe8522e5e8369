using System;
using System.Text;

namespace PrivacyServices.Authentication
{
    /// <summary>
    /// The text of a credentials file: UTF-8 (with or without a byte-order mark) or UTF-16 (by its mark, or by the zero
    /// bytes of ASCII text), and nothing else: a file in another code page would silently change a secret's characters.
    /// </summary>
    public static class CredentialFileText
    {
        /// <summary>Larger files are refused before they are read: credential files are a few hundred bytes.</summary>
        public const long MaxBytes = 64 * 1024;

        private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

        /// <summary>The decoded text, or null when the bytes are neither UTF-8 nor UTF-16.</summary>
        public static string? Decode(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            try
            {
                if (StartsWith(bytes, 0xEF, 0xBB, 0xBF))
                {
                    return StrictUtf8.GetString(bytes, 3, bytes.Length - 3);
                }

                if (StartsWith(bytes, 0xFF, 0xFE))
                {
                    return StrictUtf16LittleEndian.GetString(bytes, 2, bytes.Length - 2);
                }

                if (StartsWith(bytes, 0xFE, 0xFF))
                {
                    return StrictUtf16BigEndian.GetString(bytes, 2, bytes.Length - 2);
                }

                // UTF-16 without a mark: JSON starts with ASCII ('{' or white space), so one of the first two bytes is zero.
                if (bytes.Length >= 2 && bytes.Length % 2 == 0 && (bytes[0] == 0) != (bytes[1] == 0))
                {
                    return (bytes[1] == 0 ? StrictUtf16LittleEndian : StrictUtf16BigEndian).GetString(bytes);
                }

                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static bool StartsWith(byte[] bytes, params byte[] prefix)
        {
            if (bytes.Length < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (bytes[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
