using System;
using System.Net;

namespace PrivacyServices.Http.Transport
{
    /// <summary>
    /// How requests reach the internet: the system proxy (the default, with the signed-in user's credentials, as a corporate
    /// proxy expects), or one given proxy with given or default credentials, as Invoke-RestMethod's proxy options.
    /// </summary>
    public sealed class ProxySettings
    {
        public static readonly ProxySettings System = new ProxySettings(null, null, useDefaultCredentials: true);

        public ProxySettings(Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
        {
            if (address != null && !address.IsAbsoluteUri)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Transport.ProxyInvalid", $"Proxy must be an absolute URI such as http://proxy.contoso.com:8080; '{address.OriginalString}' is not.", parameter: "Proxy");
            }

            if (credential != null && useDefaultCredentials && address != null)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Transport.ProxyCredentialConflict", "Give either a proxy credential or the default credentials for the proxy, not both.", parameter: "ProxyCredential");
            }

            if (credential != null && address == null)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Transport.ProxyMissing", "A proxy credential needs the proxy it is for: give the proxy's URI too.", parameter: "Proxy");
            }

            Address = address;
            Credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        /// <summary>Null: the system proxy (Internet Options / WinHTTP on Windows, HTTPS_PROXY and HTTP_PROXY elsewhere).</summary>
        public Uri? Address { get; }

        public NetworkCredential? Credential { get; }

        /// <summary>Authenticate to the proxy as the signed-in user (NTLM/Kerberos).</summary>
        public bool UseDefaultCredentials { get; }

        /// <summary>DOMAIN\user, as the user typed it.</summary>
        public static string AccountName(NetworkCredential credential) =>
            string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;

        public override string ToString() =>
            Address == null
                ? "the system proxy" + (UseDefaultCredentials ? " with the signed-in user's credentials" : string.Empty)
                : Redactor.RedactUri(Address) + (Credential != null ? $" as {AccountName(Credential)}" : UseDefaultCredentials ? " with the signed-in user's credentials" : " without credentials");
    }
}
