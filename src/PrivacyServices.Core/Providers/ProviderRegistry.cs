using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Providers
{
    /// <summary>The one list of providers. A new vendor is a folder under Providers/ and one line here.</summary>
    public static class ProviderRegistry
    {
        private static readonly IReadOnlyList<ProviderDefinition> Definitions = new ProviderDefinition[]
        {
            new Telia.TeliaProvider(),
            new Adobe.AdobeProvider(),
            new DnB.DnBProvider(),
            new LiveRamp.LiveRampProvider(),
            new MX.MxProvider(),
            new EntraId.EntraIdProvider(),
            new Generic.GenericProvider(),
        };

        public static IReadOnlyList<ProviderDefinition> All => Definitions;

        public static ProviderDefinition For(PrivacyProvider provider) =>
            Definitions.FirstOrDefault(d => d.Provider == provider)
            ?? throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidArgument,
                "PrivacyServices.Connect.ProviderNotSupported",
                $"Provider {provider} is not supported by this version of PrivacyServices.");
    }
}
