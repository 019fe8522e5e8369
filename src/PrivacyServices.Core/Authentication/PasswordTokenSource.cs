using System;
using System.Collections.Generic;
using System.Net.Http;

namespace PrivacyServices.Authentication
{
    /// <summary>
    /// OAuth 2.0 password grant (RFC 6749 §4.3): username and password in the form, plus fixed vendor parameters (a service
    /// account's client and response type, for example), and optionally the client's own authentication, Basic or in the body
    /// (a public client sends only its id).
    /// </summary>
    public sealed class PasswordTokenSource : HttpTokenSource
    {
        private readonly ClientSecretCredential _account;
        private readonly IReadOnlyDictionary<string, string> _extraParameters;
        private readonly ClientSecretCredential? _client;
        private readonly ClientAuthentication _clientAuthentication;

        public PasswordTokenSource(
            Uri tokenUri,
            ClientSecretCredential account,
            IReadOnlyList<string> scopes,
            IReadOnlyDictionary<string, string> extraParameters,
            HttpClient http,
            TimeProvider? time = null,
            ClientSecretCredential? client = null,
            ClientAuthentication clientAuthentication = ClientAuthentication.Basic,
            string scopeSeparator = " ")
            : base(tokenUri, http, time, scopes, scopeSeparator)
        {
            _account = account ?? throw new ArgumentNullException(nameof(account));
            _extraParameters = extraParameters ?? new Dictionary<string, string>();
            _client = client;
            _clientAuthentication = clientAuthentication;
        }

        protected override string GrantName => "password";

        protected override HttpRequestMessage BuildTokenRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, TokenUri);
            request.Headers.Accept.ParseAdd("application/json");
            _account.UseSecret(password =>
            {
                var form = new Dictionary<string, string>
                {
                    ["grant_type"] = "password",
                    ["username"] = _account.ClientId,
                    ["password"] = password,
                };
                if (Scopes.Count > 0)
                {
                    form["scope"] = ScopeText;
                }

                foreach (var parameter in _extraParameters)
                {
                    form[parameter.Key] = parameter.Value;
                }

                AuthenticateClient(request, form);
                request.Content = new FormUrlEncodedContent(form);
                return true;
            });
            return request;
        }

        protected override HttpRequestMessage BuildRefreshRequest(string refreshToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, TokenUri);
            request.Headers.Accept.ParseAdd("application/json");
            var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
            AuthenticateClient(request, form);
            request.Content = new FormUrlEncodedContent(form);
            return request;
        }

        private void AuthenticateClient(HttpRequestMessage request, Dictionary<string, string> form)
        {
            if (_client == null)
            {
                return;
            }

            _client.UseSecret(secret =>
            {
                if (secret.Length == 0)
                {
                    form["client_id"] = _client.ClientId; // a public client: its id, no secret
                }
                else if (_clientAuthentication == ClientAuthentication.Basic)
                {
                    request.Headers.Authorization = OAuthClientAuthentication.BasicHeader(_client.ClientId, secret);
                }
                else
                {
                    OAuthClientAuthentication.AddBodyCredentials(form, _client.ClientId, secret);
                }

                return true;
            });
        }

        public override void Dispose()
        {
            _account.Dispose();
            _client?.Dispose();
            base.Dispose();
        }
    }
}
