using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Authentication
{
    /// <summary>Reads an OAuth token response; expiry from <c>expires_in</c>, else the JWT <c>exp</c>, else <see cref="DefaultLifetime"/>.</summary>
    public static class TokenResponseReader
    {
        /// <summary>Assumed lifetime when neither <c>expires_in</c> nor a JWT <c>exp</c> says (documented in about_PrivacyServices).</summary>
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Reads a token response received at <paramref name="now"/> (this machine's clock). <paramref name="serverNow"/> is
        /// the response's Date header: the server's clock, used with the token's <c>iat</c> as the fallback to turn absolute
        /// expiries (<c>expires_on</c>, the JWT's <c>exp</c>) into this machine's time, so a clock a few minutes off neither
        /// renews the token on every call nor keeps one the server already considers expired.
        /// </summary>
        public static AccessToken Read(string body, DateTimeOffset now, IReadOnlyList<string> requestedScopes, string scopeSeparator, DateTimeOffset? serverNow = null)
        {
            JObject json;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(body)) { DateParseHandling = DateParseHandling.None })
                {
                    json = JToken.ReadFrom(reader) as JObject ?? throw new JsonReaderException("not an object");
                }
            }
            catch (JsonException)
            {
                throw InvalidResponse("The token response is not a JSON object.");
            }

            var value = PlainJson.Text(json, "access_token");
            if (string.IsNullOrEmpty(value))
            {
                throw InvalidResponse("The token response has no access_token.");
            }

            var skew = ClockSkew(now, serverNow, value!);
            var absoluteExpiry = ReadUnixTime(json["expires_on"]) ?? JwtPayloadReader.ReadExpiry(value);
            var expiresOn = ReadLifetime(json["expires_in"]) is double seconds
                ? now.AddSeconds(seconds)
                : absoluteExpiry.HasValue ? absoluteExpiry.Value - skew : now.Add(DefaultLifetime);

            var refreshToken = PlainJson.Text(json, "refresh_token");
            DateTimeOffset? refreshExpiresOn = ReadLifetime(json["refresh_expires_in"]) is double refreshSeconds
                ? now.AddSeconds(refreshSeconds)
                : (DateTimeOffset?)null;

            var scopeText = PlainJson.Text(json, "scope");
            IReadOnlyList<string> scopes = string.IsNullOrWhiteSpace(scopeText)
                ? requestedScopes
                : scopeText!.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);

            return new AccessToken(value!, PlainJson.Text(json, "token_type") ?? "Bearer", now, expiresOn, scopes, refreshToken, refreshExpiresOn, PlainJson.Text(json, "id_token"));
        }

        /// <summary>How far the server's clock is ahead of this machine's (negative: behind); zero when nothing tells.</summary>
        public static TimeSpan ClockSkew(DateTimeOffset now, DateTimeOffset? serverNow, string token)
        {
            var server = serverNow ?? JwtPayloadReader.ReadIssuedAt(token);
            if (!server.HasValue)
            {
                return TimeSpan.Zero;
            }

            var skew = server.Value - now;
            // Seconds of difference are the Date header's and iat's resolution and the time on the wire, not a wrong clock.
            return skew.Duration() < TimeSpan.FromSeconds(2) ? TimeSpan.Zero : skew;
        }

        private static readonly double LongestPlausibleLifetime = TimeSpan.FromDays(3650).TotalSeconds;

        /// <summary>A lifetime in seconds, when it is a positive number below ten years; anything else counts as absent.</summary>
        private static double? ReadLifetime(JToken? token)
        {
            var seconds = PlainJson.Number(token);
            return seconds > 0 && seconds < LongestPlausibleLifetime ? seconds : null;
        }

        private static DateTimeOffset? ReadUnixTime(JToken? token)
        {
            var seconds = PlainJson.Number(token);
            return seconds > 0 && seconds < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds((long)seconds) : (DateTimeOffset?)null;
        }

        private static PrivacyServiceException InvalidResponse(string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Token.InvalidResponse", message);
    }
}
