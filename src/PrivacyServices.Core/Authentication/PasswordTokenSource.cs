using System;
using System.Collections.Generic;
using System.Net.Http;

namespace PrivacyServices.Authentication
{
    /// <summary>OAuth 2.0 password grant (LiveRamp service accounts): username and password in the form, plus fixed vendor parameters.</summary>
    public sealed class PasswordTokenSource : HttpTokenSource
    {
        private readonly ClientSecretCredential _account;
        private readonly IReadOnlyDictionary<string, string> _extraParameters;

        public PasswordTokenSource(
            Uri tokenUri,
            ClientSecretCredential account,
            IReadOnlyList<string> scopes,
            IReadOnlyDictionary<string, string> extraParameters,
            HttpClient http,
            TimeProvider? time = null)
            : base(tokenUri, http, time, scopes, " ")
        {
            _account = account ?? throw new ArgumentNullException(nameof(account));
            _extraParameters = extraParameters ?? new Dictionary<string, string>();
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

                request.Content = new FormUrlEncodedContent(form);
                return true;
            });
            return request;
        }

        public override void Dispose()
        {
            _account.Dispose();
            base.Dispose();
        }
    }
}
