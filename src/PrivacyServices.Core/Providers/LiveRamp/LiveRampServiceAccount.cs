using System;
using System.Security;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Authentication
{
    /// <summary>A LiveRamp service-account credentials file (<c>"type": "serviceAccount/v2"</c>). Errors name the field, never its secret.</summary>
    public sealed class LiveRampServiceAccount : IServiceAccount
    {
        public const string ExpectedType = "serviceAccount/v2";

        private LiveRampServiceAccount(string accountId, SecureString secretKey, string clientId, Uri tokenUri)
        {
            AccountId = accountId;
            SecretKey = secretKey;
            ClientId = clientId;
            TokenUri = tokenUri;
        }

        public string AccountId { get; }
        public SecureString SecretKey { get; }
        public string ClientId { get; }
        public Uri TokenUri { get; }

        public static LiveRampServiceAccount Parse(string json, string source)
        {
            JObject obj;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None })
                {
                    obj = JToken.ReadFrom(reader) as JObject ?? throw new JsonReaderException();
                    if (HasMore(reader))
                    {
                        throw Invalid(source, "has more after its JSON object: expected one object and nothing else");
                    }
                }
            }
            catch (JsonException)
            {
                throw Invalid(source, "is not a JSON object: expected a LiveRamp service-account credentials file");
            }

            var type = Field(obj, "type", source);
            if (!string.Equals(type, ExpectedType, StringComparison.Ordinal))
            {
                // The value is not quoted back: a secret pasted into the wrong field would leak.
                throw Invalid(source, $"has a \"type\" other than \"{ExpectedType}\"");
            }

            var accountId = Field(obj, "account_id", source);
            var secretKey = Field(obj, "secret_key", source);
            var tokenUriText = Field(obj, "token_uri", source);
            // On Unix "/path" parses as an absolute file: URI, hence the scheme check.
            if (!Uri.TryCreate(tokenUriText, UriKind.Absolute, out var tokenUri) || (tokenUri.Scheme != Uri.UriSchemeHttps && tokenUri.Scheme != Uri.UriSchemeHttp))
            {
                throw Invalid(source, "has a \"token_uri\" that is not an absolute http(s) URI");
            }

            var clientId = PlainJson.Text(obj, "client_id");
            return new LiveRampServiceAccount(accountId, SecretText.ToSecureString(secretKey), string.IsNullOrWhiteSpace(clientId) ? "liveramp-api" : clientId!, tokenUri);
        }

        private static bool HasMore(JsonTextReader reader)
        {
            try
            {
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        return true;
                    }
                }

                return false;
            }
            catch (JsonReaderException)
            {
                return true;
            }
        }

        private static string Field(JObject obj, string name, string source)
        {
            var token = obj[name];
            if (token == null || token.Type == JTokenType.Null)
            {
                throw Invalid(source, $"is missing the required field \"{name}\"");
            }

            var value = token.Type == JTokenType.String ? token.Value<string>() : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                throw Invalid(source, $"has an empty or non-text \"{name}\"");
            }

            return value!;
        }

        private static PrivacyServiceException Invalid(string source, string problem) =>
            new PrivacyServiceException(
                PrivacyErrorKind.InvalidConfiguration,
                "PrivacyServices.LiveRamp.InvalidCredentialFile",
                $"The LiveRamp credential file '{source}' {problem}.");
    }
}
