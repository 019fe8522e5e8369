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

        public static AccessToken Read(string body, DateTimeOffset now, IReadOnlyList<string> requestedScopes, string scopeSeparator)
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

            var value = json.Value<string>("access_token");
            if (string.IsNullOrEmpty(value))
            {
                throw InvalidResponse("The token response has no access_token.");
            }

            var expiresOn = ReadSeconds(json["expires_in"]) is double seconds
                ? now.AddSeconds(seconds)
                : ReadSeconds(json["expires_on"]) is double epoch
                    ? DateTimeOffset.FromUnixTimeSeconds((long)epoch)
                    : JwtPayloadReader.ReadExpiry(value) ?? now.Add(DefaultLifetime);

            var refreshToken = json.Value<string>("refresh_token");
            DateTimeOffset? refreshExpiresOn = ReadSeconds(json["refresh_expires_in"]) is double refreshSeconds && refreshSeconds > 0
                ? now.AddSeconds(refreshSeconds)
                : (DateTimeOffset?)null;

            var scopeText = json.Value<string>("scope");
            IReadOnlyList<string> scopes = string.IsNullOrWhiteSpace(scopeText)
                ? requestedScopes
                : scopeText!.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);

            return new AccessToken(value!, json.Value<string>("token_type") ?? "Bearer", now, expiresOn, scopes, refreshToken, refreshExpiresOn);
        }

        private static double? ReadSeconds(JToken? token)
        {
            if (token == null)
            {
                return null;
            }

            if (token.Type == JTokenType.Integer || token.Type == JTokenType.Float)
            {
                return token.Value<double>();
            }

            return token.Type == JTokenType.String && double.TryParse(token.Value<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : (double?)null;
        }

        private static PrivacyServiceException InvalidResponse(string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Token.InvalidResponse", message);
    }
}
