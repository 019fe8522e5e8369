using System;
using System.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Authentication.EntraId
{
    /// <summary>
    /// Where a confidential client gets its tokens. Users get the real HTTPS authority
    /// (<c>https://login.microsoftonline.com/{tenant}</c>, or a national cloud's host through -TokenUri). MSAL accepts
    /// HTTPS authorities only, so a plain-HTTP loopback -TokenUri (the emulator) keeps the real authority for MSAL and
    /// sets <see cref="EmulatorBaseUri"/>, to which every request MSAL addresses to the authority host is redirected.
    /// That is the same rule as every other provider's: plain HTTP only to loopback addresses.
    /// </summary>
    public sealed class EntraIdAuthority
    {
        public const string PublicCloudHost = "login.microsoftonline.com";
        private const string TokenPath = "oauth2/v2.0/token";

        private EntraIdAuthority(string tenantId, Uri authorityUri, Uri tokenUri, Uri? emulatorBaseUri)
        {
            TenantId = tenantId;
            AuthorityUri = authorityUri;
            TokenUri = tokenUri;
            EmulatorBaseUri = emulatorBaseUri;
        }

        public string TenantId { get; }

        /// <summary>The HTTPS authority MSAL is given, <c>https://{host}/{tenant}</c>.</summary>
        public Uri AuthorityUri { get; }

        /// <summary>The v2 token endpoint, as shown on the session.</summary>
        public Uri TokenUri { get; }

        /// <summary>For the emulator only: the loopback base (<c>http://127.0.0.1:5080/entra/</c>) standing in for <c>https://{authority host}/</c>.</summary>
        public Uri? EmulatorBaseUri { get; }

        /// <summary>
        /// The authority for <paramref name="tenantId"/> on the public cloud, or the one <paramref name="tokenUri"/>
        /// (<c>https://{host}/{tenant}/oauth2/v2.0/token</c>) names; a tenant given both ways must agree.
        /// </summary>
        public static EntraIdAuthority Resolve(Uri? tokenUri, string? tenantId)
        {
            if (tokenUri == null)
            {
                var tenant = RequireTenant(tenantId);
                var authority = new Uri($"https://{PublicCloudHost}/{Uri.EscapeDataString(tenant)}");
                return new EntraIdAuthority(tenant, authority, new Uri(authority.AbsoluteUri + "/" + TokenPath), null);
            }

            TransportPolicy.EnsureSecure(tokenUri, "TokenUri");
            var segments = tokenUri.AbsolutePath.Trim('/').Split('/').Where(s => s.Length > 0).ToArray();
            var shapeOk = segments.Length >= 4 && string.Join("/", segments.Skip(segments.Length - 3)).Equals(TokenPath, StringComparison.OrdinalIgnoreCase);
            if (!shapeOk || !string.IsNullOrEmpty(tokenUri.Query))
            {
                throw Invalid("TokenUri", $"TokenUri '{Redactor.RedactUri(tokenUri)}' is not an Entra ID v2 token endpoint: expected https://{{host}}/{{tenant}}/{TokenPath}.");
            }

            var uriTenant = Uri.UnescapeDataString(segments[segments.Length - 4]);
            if (!string.IsNullOrWhiteSpace(tenantId) && !string.Equals(uriTenant, tenantId!.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("TenantId", $"TenantId '{tenantId}' and the tenant in TokenUri ('{uriTenant}') differ; give one of them, or make them agree.");
            }

            var prefix = string.Join("/", segments.Take(segments.Length - 4));
            if (tokenUri.Scheme == Uri.UriSchemeHttps)
            {
                if (prefix.Length > 0)
                {
                    throw Invalid("TokenUri", $"TokenUri '{Redactor.RedactUri(tokenUri)}' has a path before the tenant; Entra ID authorities are https://{{host}}/{{tenant}}.");
                }

                var authority = new Uri($"https://{tokenUri.Authority}/{Uri.EscapeDataString(uriTenant)}");
                return new EntraIdAuthority(uriTenant, authority, tokenUri, null);
            }

            // Plain HTTP passed TransportPolicy, so it is loopback: the emulator.
            var emulatorBase = new Uri($"{tokenUri.Scheme}://{tokenUri.Authority}/{(prefix.Length > 0 ? prefix + "/" : string.Empty)}");
            var publicAuthority = new Uri($"https://{PublicCloudHost}/{Uri.EscapeDataString(uriTenant)}");
            return new EntraIdAuthority(uriTenant, publicAuthority, tokenUri, emulatorBase);
        }

        private static string RequireTenant(string? tenantId)
        {
            if (string.IsNullOrWhiteSpace(tenantId))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.TenantIdMissing",
                    "TenantId is required: a client secret or certificate authenticates an app registration in one Entra ID tenant " +
                    "(its id or domain).",
                    parameter: "TenantId");
            }

            return tenantId!.Trim();
        }

        private static PrivacyServiceException Invalid(string parameter, string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, $"PrivacyServices.Connect.{parameter}Invalid", message, parameter: parameter);
    }
}
