using System;
using System.Collections.Generic;
using PrivacyServices.Authentication;

namespace PrivacyServices.Providers
{
    /// <summary>What a provider definition decided for one session; the session factory builds the session from it.</summary>
    internal sealed class ProviderSetup
    {
        public ProviderSetup(ITokenSource tokenSource, Uri? tokenUri, Uri? apiBaseUri, string? clientId)
        {
            TokenSource = tokenSource ?? throw new ArgumentNullException(nameof(tokenSource));
            TokenUri = tokenUri;
            ApiBaseUri = apiBaseUri;
            ClientId = clientId;
        }

        public ITokenSource TokenSource { get; }

        /// <summary>Shown on the session; null when the token is the user's own (-AccessToken) or MSAL finds the endpoint.</summary>
        public Uri? TokenUri { get; }

        public Uri? ApiBaseUri { get; }
        public string? ClientId { get; }

        /// <summary>Headers every API call of the session sends (Adobe's x-api-key and x-gw-ims-org-id, …).</summary>
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public ProviderSettings Settings { get; set; } = NoProviderSettings.Instance;
    }
}
