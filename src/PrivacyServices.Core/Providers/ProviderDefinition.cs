using System;
using System.Collections.Generic;

namespace PrivacyServices.Providers
{
    /// <summary>
    /// Everything the module knows about one vendor: its published URIs per environment, how it wants a token requested,
    /// its extra headers and its typed settings. One subclass per vendor, in that vendor's folder, listed in
    /// <see cref="ProviderRegistry"/>; nothing outside a vendor's folder switches on the vendor.
    /// </summary>
    public abstract class ProviderDefinition
    {
        public abstract PrivacyProvider Provider { get; }

        /// <summary>The vendor's token endpoint in <paramref name="environment"/>; null when it has no fixed one.</summary>
        public virtual Uri? DefaultTokenUri(PrivacyEnvironment environment) => null;

        /// <summary>The vendor's API base URI in <paramref name="environment"/>; null when it has no fixed one.</summary>
        public virtual Uri? DefaultApiBaseUri(PrivacyEnvironment environment) => null;

        /// <summary>Where a client sends its id and secret when the user does not say (RFC 6749 §2.3.1).</summary>
        public virtual ClientAuthentication ClientAuthentication => ClientAuthentication.Basic;

        /// <summary>How the vendor separates scopes in a token request (RFC 6749 says a space; Adobe IMS wants commas).</summary>
        public virtual string ScopeSeparator => " ";

        /// <summary>Where the vendor's error bodies and headers carry the error code, text and request id.</summary>
        public virtual Http.ErrorFormat ErrorFormat => Http.ErrorFormat.Common;

        /// <summary>Whether a session may be made for tokens alone, without an API base URI.</summary>
        public virtual bool ServesTokensOnly => false;

        /// <summary>
        /// The <see cref="Sessions.ConnectOptions"/> (by property name) that only this vendor reads: another vendor given one
        /// refuses it instead of ignoring it.
        /// </summary>
        public virtual IReadOnlyList<string> OwnOptions => Array.Empty<string>();

        /// <summary>Whether the resource owner password grant (-UserCredential) applies.</summary>
        public virtual bool SupportsPasswordGrant => false;

        /// <summary>Checks the vendor's options and decides URIs, client, headers, settings and token source.</summary>
        internal abstract ProviderSetup Configure(ProviderContext context);

        /// <summary>A published URI for <paramref name="environment"/>, the sandbox one falling back to production.</summary>
        protected static Uri? ForEnvironment(PrivacyEnvironment environment, string? production, string? sandbox)
        {
            var chosen = environment == PrivacyEnvironment.Sandbox ? sandbox ?? production : production;
            return chosen == null ? null : new Uri(chosen);
        }
    }
}
