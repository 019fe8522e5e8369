using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PrivacyServices.Authentication
{
    /// <summary>RFC 6749 §2.3.1 client authentication: HTTP Basic (form-urlencoded id and secret) or body parameters.</summary>
    public static class OAuthClientAuthentication
    {
        /// <summary>The Basic header value: base64(urlencode(id) ":" urlencode(secret)), UTF-8.</summary>
        public static AuthenticationHeaderValue BasicHeader(string clientId, string secret)
        {
            var pair = WebUtility.UrlEncode(clientId) + ":" + WebUtility.UrlEncode(secret);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        /// <summary>Basic without form-encoding first, as some vendors document it (base64(client_id:client_secret)).</summary>
        public static AuthenticationHeaderValue RawBasicHeader(string clientId, string secret) =>
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));

        public static void AddBodyCredentials(IDictionary<string, string> form, string clientId, string secret)
        {
            form["client_id"] = clientId;
            form["client_secret"] = secret;
        }
    }
}
