using PrivacyServices.Sessions;
using System;
using System.Collections.Generic;

namespace PrivacyServices.Providers.Adobe
{
    /// <summary>
    /// Adobe Experience Platform Privacy Service: IMS client_credentials (client in the body, comma-separated scopes), and
    /// every API call carries x-api-key (the client id) and x-gw-ims-org-id.
    /// </summary>
    public sealed class AdobeProvider : ProviderDefinition
    {
        private static readonly string[] DefaultScopes = { "openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext" };

        public override PrivacyProvider Provider => PrivacyProvider.Adobe;

        public override IReadOnlyList<string> OwnOptions { get; } = new[] { nameof(ConnectOptions.OrgId) };

        public override ClientAuthentication ClientAuthentication => ClientAuthentication.Body;

        public override string ScopeSeparator => ",";

        /// <summary>Product responses carry responseMsgCode/responseMsgDetail; some gateways name the request x-adobe-request-id.</summary>
        public override Http.ErrorFormat ErrorFormat { get; } = Http.ErrorFormat.Common.With(
            codeFields: new[] { "responseMsgCode" }, messageFields: new[] { "responseMsgDetail" }, requestIdHeaders: new[] { "x-adobe-request-id" });

        public override Uri? DefaultTokenUri(PrivacyEnvironment environment) =>
            ForEnvironment(environment, "https://ims-na1.adobelogin.com/ims/token/v3", "https://ims-na1-stg1.adobelogin.com/ims/token/v3");

        public override Uri? DefaultApiBaseUri(PrivacyEnvironment environment) =>
            ForEnvironment(environment, "https://platform.adobe.io/data/core/privacy", "https://platform-stage.adobe.io/data/core/privacy");

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var options = context.Options;
            var orgId = ProviderContext.RequireText(options.OrgId, "OrgId", "every Adobe Privacy Service call names the IMS organization (x-gw-ims-org-id)");
            var apiKey = options.AccessToken == null
                ? ProviderContext.RequireText(options.ClientId, "ClientCredential", "Adobe sends the client id as x-api-key")
                : options.ClientId;
            var scopes = options.Scopes.Count > 0 ? options.Scopes : DefaultScopes;
            var tokenUri = context.TokenUri;
            var source = context.TokenSource(() => context.ClientCredentials(ProviderContext.Require(tokenUri, "TokenUri", "the Adobe provider needs a token endpoint"), scopes));
            var setup = new ProviderSetup(source, tokenUri, context.ApiBaseUri, options.ClientId) { Settings = new AdobeSettings(orgId) };
            if (!string.IsNullOrWhiteSpace(apiKey))
            {
                setup.Headers["x-api-key"] = apiKey!;
            }

            setup.Headers["x-gw-ims-org-id"] = orgId;
            return setup;
        }
    }

    /// <summary>The IMS organization every Adobe Privacy Service call names.</summary>
    public sealed class AdobeSettings : ProviderSettings
    {
        public AdobeSettings(string orgId) => OrgId = orgId;

        public string OrgId { get; }

        public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string> { [nameof(OrgId)] = OrgId };
    }
}
