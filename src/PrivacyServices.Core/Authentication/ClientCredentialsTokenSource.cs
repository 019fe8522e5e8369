using System;
using System.Collections.Generic;
using System.Net.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Authentication
{
    /// <summary>OAuth 2.0 client_credentials (RFC 6749 §4.4), with the refresh_token grant when the vendor issues refresh tokens.</summary>
    public sealed class ClientCredentialsTokenSource : HttpTokenSource
    {
        private readonly ClientSecretCredential _credential;
        private readonly ClientAuthentication _clientAuthentication;

        public ClientCredentialsTokenSource(
            Uri tokenUri,
            ClientSecretCredential credential,
            ClientAuthentication clientAuthentication,
            IReadOnlyList<string> scopes,
            string scopeSeparator,
            HttpClient http,
            TimeProvider? time = null)
            : base(tokenUri, http, time, scopes, scopeSeparator)
        {
            _credential = credential ?? throw new ArgumentNullException(nameof(credential));
            _clientAuthentication = clientAuthentication;
        }

        protected override string GrantName => "client_credentials";

        protected override HttpRequestMessage BuildTokenRequest()
        {
            var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
            if (Scopes.Count > 0)
            {
                form["scope"] = ScopeText;
            }

            return Build(form);
        }

        protected override HttpRequestMessage BuildRefreshRequest(string refreshToken) =>
            Build(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

        private HttpRequestMessage Build(Dictionary<string, string> form)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, TokenUri);
            request.Headers.Accept.ParseAdd("application/json");
            _credential.UseSecret(secret =>
            {
                if (_clientAuthentication == ClientAuthentication.Basic)
                {
                    request.Headers.Authorization = OAuthClientAuthentication.BasicHeader(_credential.ClientId, secret);
                }
                else
                {
                    OAuthClientAuthentication.AddBodyCredentials(form, _credential.ClientId, secret);
                }

                request.Content = new FormUrlEncodedContent(form);
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
