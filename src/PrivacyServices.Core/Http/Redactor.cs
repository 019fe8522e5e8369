using System;
using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyServices.Http
{
    /// <summary>The one place where text bound for a trace or an error loses its secrets.</summary>
    public static class Redactor
    {
        public const string Mask = "***";

        private static readonly Regex SensitiveQueryKey = new Regex(
            "(sig|signature|token|secret|password|passwd|key|code|credential|auth|assertion|x-amz-|x-goog-|se$|sp$|st$)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex BearerOrBasic = new Regex(
            @"\b(Bearer|Basic)\s+[A-Za-z0-9\-\._~\+/=]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex Jwt = new Regex(
            @"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex SecretAssignment = new Regex(
            @"(\b(?:access_token|refresh_token|id_token|client_secret|clientSecret|secret_key|secretKey|password|client_assertion)[""']?\s*[:=]\s*[""']?)[^""'&\s,}<]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The URI with the values of secret-looking query parameters (signatures, tokens, keys) masked.</summary>
        public static string RedactUri(Uri uri)
        {
            if (uri == null)
            {
                return string.Empty;
            }

            if (!uri.IsAbsoluteUri)
            {
                return uri.OriginalString;
            }

            var builder = new StringBuilder();
            var left = uri.GetLeftPart(UriPartial.Path);
            if (uri.UserInfo.Length > 0)
            {
                // https://user:password@host/… → https://***@host/…
                left = left.Replace(uri.UserInfo + "@", Mask + "@");
            }

            builder.Append(RedactKnownSecrets(left));
            var query = uri.Query;
            if (query.Length > 1)
            {
                var pairs = query.Substring(1).Split('&');
                for (var i = 0; i < pairs.Length; i++)
                {
                    builder.Append(i == 0 ? '?' : '&');
                    var pair = pairs[i];
                    var equals = pair.IndexOf('=');
                    if (equals < 0)
                    {
                        builder.Append(pair);
                        continue;
                    }

                    var key = pair.Substring(0, equals);
                    builder.Append(key).Append('=');
                    builder.Append(SensitiveQueryKey.IsMatch(Uri.UnescapeDataString(key)) ? Mask : pair.Substring(equals + 1));
                }
            }

            return builder.ToString();
        }

        /// <summary>Every value a live session registered as secret (<see cref="SecretRegistry"/>), in any of its forms, masked.</summary>
        private static string RedactKnownSecrets(string text)
        {
            var secrets = SecretRegistry.Values;
            if (secrets.Length == 0)
            {
                return text;
            }

            foreach (var secret in secrets)
            {
                if (text.IndexOf(secret, StringComparison.Ordinal) >= 0)
                {
                    text = text.Replace(secret, Mask);
                }
            }

            return text;
        }

        /// <summary>Masks the values live sessions know are secret, then bearer/basic credentials, JWTs and secret-named assignments.</summary>
        public static string RedactText(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = RedactKnownSecrets(text!);
            result = BearerOrBasic.Replace(result, m => m.Groups[1].Value + " " + Mask);
            result = Jwt.Replace(result, Mask);
            result = SecretAssignment.Replace(result, m => m.Groups[1].Value + Mask);
            return result;
        }
    }
}
