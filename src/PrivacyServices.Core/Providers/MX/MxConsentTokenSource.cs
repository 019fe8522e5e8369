using System;
using System.Net.Http;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacyServices.Authentication
{
    /// <summary>
    /// MX consent-management tokens: <c>POST {base}/api/{version}/token</c> with HTTP Basic and a JSON body naming the customer.
    /// The response has no expires_in; the expiry is the JWT's exp.
    /// </summary>
    public sealed class MxConsentTokenSource : HttpTokenSource
    {
        private readonly ClientSecretCredential _credential;
        private readonly string _customerId;

        public MxConsentTokenSource(Uri tokenUri, ClientSecretCredential credential, string customerId, HttpClient http, TimeProvider? time = null)
            : base(tokenUri, http, time, new[] { "customer.modify_consent:" + customerId }, " ")
        {
            _credential = credential ?? throw new ArgumentNullException(nameof(credential));
            _customerId = customerId;
        }

        public static Uri TokenUriFor(Uri apiBaseUri, string apiVersion) =>
            new Uri(apiBaseUri.AbsoluteUri.TrimEnd('/') + "/api/" + Uri.EscapeDataString(apiVersion) + "/token");

        protected override string GrantName => "consent_management";

        protected override HttpRequestMessage BuildTokenRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, TokenUri);
            request.Headers.Accept.ParseAdd("application/json");
            var body = new JObject { ["type"] = "consent_management", ["scopes"] = "customer.modify_consent:" + _customerId };
            request.Content = new StringContent(body.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
            _credential.UseSecret(secret =>
            {
                request.Headers.Authorization = OAuthClientAuthentication.RawBasicHeader(_credential.ClientId, secret);
                return true;
            });
            return request;
        }

        public override void Dispose()
        {
            _credential.Dispose();
            base.Dispose();
        }
    }
}
