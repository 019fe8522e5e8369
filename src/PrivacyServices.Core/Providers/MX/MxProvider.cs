using PrivacyServices.Sessions;
using System;
using System.Collections.Generic;
using PrivacyServices.Authentication;

namespace PrivacyServices.Providers.MX
{
    /// <summary>
    /// MX consent management for FDX data providers: a token for one customer from <c>{api}/api/{version}/token</c> (HTTP
    /// Basic, JSON body), expiring at its JWT's exp. The host is per data provider, so -ApiBaseUri is required.
    /// </summary>
    public sealed class MxProvider : ProviderDefinition
    {
        public override PrivacyProvider Provider => PrivacyProvider.MX;

        public override IReadOnlyList<string> OwnOptions { get; } = new[] { nameof(ConnectOptions.CustomerId), nameof(ConnectOptions.ApiVersion) };

        internal override ProviderSetup Configure(ProviderContext context)
        {
            var options = context.Options;
            var apiBaseUri = ProviderContext.Require(context.ApiBaseUri, "ApiBaseUri", "MX hosts differ per data provider");
            var customerId = ProviderContext.RequireText(options.CustomerId, "CustomerId", "MX consent tokens are issued for one customer (its openid_connect_user_id)");
            var tokenUri = options.TokenUri ?? MxConsentTokenSource.TokenUriFor(apiBaseUri, options.ApiVersion);
            var source = context.TokenSource(() => new MxConsentTokenSource(tokenUri, context.RequireClientCredential(), customerId, context.NewTokenHttpClient(), context.Time));
            return new ProviderSetup(source, tokenUri, apiBaseUri, options.ClientId)
            {
                Settings = new MxSettings(customerId, options.ApiVersion),
            };
        }
    }

    /// <summary>The customer an MX session's tokens are issued for, and the FDX version of its API paths.</summary>
    public sealed class MxSettings : ProviderSettings
    {
        public MxSettings(string customerId, string apiVersion)
        {
            CustomerId = customerId;
            ApiVersion = apiVersion;
        }

        public string CustomerId { get; }
        public string ApiVersion { get; }

        public override IReadOnlyDictionary<string, string> Describe()
        {
            var settings = new Dictionary<string, string> { [nameof(CustomerId)] = CustomerId };
            Add(settings, nameof(ApiVersion), ApiVersion);
            return settings;
        }
    }
}
