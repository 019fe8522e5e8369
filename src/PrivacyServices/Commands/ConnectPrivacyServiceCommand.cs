using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PrivacyServices.Authentication;
using PrivacyServices.Http;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Providers;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Creates a session, gets its first token (so bad credentials fail here) and makes it the default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "PrivacyService", HelpUri = HelpLinks.Cmdlets + "Connect-PrivacyService.md", DefaultParameterSetName = ClientSecretSet)]
    [OutputType(typeof(PrivacyServiceSession))]
    public sealed class ConnectPrivacyServiceCommand : PrivacyCmdlet
    {
        private const string ClientSecretSet = "ClientSecret";
        private const string AccessTokenSet = "AccessToken";
        private const string CredentialFileSet = "CredentialFile";
        private const string CertificateSet = "Certificate";
        private const string CertificateThumbprintSet = "CertificateThumbprint";
        private const string CertificatePathSet = "CertificatePath";
        private const string ManagedIdentitySet = "ManagedIdentity";

        [Parameter(Mandatory = true, Position = 0)]
        public PrivacyProvider Provider { get; set; }

        /// <summary>User name = client id, password = client secret. Falls back to PRIVACYSERVICES_CLIENT_ID/_SECRET.</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Alias("Credential")]
        [Credential]
        public PSCredential? ClientCredential { get; set; }

        /// <summary>Generic: a user's name and password for the OAuth password grant; -ClientCredential then names the client (empty password: a public client).</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Credential]
        public PSCredential? UserCredential { get; set; }

        /// <summary>LiveRamp's service-account JSON file. Falls back to PRIVACYSERVICES_CREDENTIAL_FILE.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialFileSet)]
        [ValidateNotNullOrEmpty]
        public string? CredentialFile { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>
        /// EntraId: the application (client) id that owns the certificate, or a user-assigned managed identity's client id
        /// (without it, -ManagedIdentity is the system-assigned one). Falls back to PRIVACYSERVICES_CLIENT_ID with a certificate.
        /// With -AccessToken: the client the token was issued to (Adobe sends it as x-api-key).
        /// </summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = CertificateThumbprintSet)]
        [Parameter(ParameterSetName = CertificatePathSet)]
        [Parameter(ParameterSetName = ManagedIdentitySet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? ClientId { get; set; }

        /// <summary>EntraId: a certificate with its private key, which signs the client assertion.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>EntraId: the thumbprint of a certificate (with private key) in the current user's store, Cert:\CurrentUser\My.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? CertificateThumbprint { get; set; }

        /// <summary>EntraId: a PKCS#12 (.pfx) file with the certificate and its private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        [Parameter(ParameterSetName = CertificatePathSet)]
        [ValidateNotNull]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>EntraId: sends the certificate chain (x5c) with the assertion, for apps that trust the certificate's subject name and issuer.</summary>
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = CertificateThumbprintSet)]
        [Parameter(ParameterSetName = CertificatePathSet)]
        public SwitchParameter SendCertificateChain { get; set; }

        /// <summary>EntraId: the managed identity of the Azure resource running this (Azure Automation, App Service, VM, Arc).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
        public SwitchParameter ManagedIdentity { get; set; }

        [Parameter]
        public PrivacyEnvironment Environment { get; set; } = PrivacyEnvironment.Production;

        [Parameter]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public Uri? TokenUri { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public Uri? ApiBaseUri { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string[] Scope { get; set; } = Array.Empty<string>();

        [Parameter]
        public ClientAuthentication ClientAuthentication { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? ProjectId { get; set; }

        /// <summary>Adobe IMS organization id (x-gw-ims-org-id).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? OrgId { get; set; }

        /// <summary>MX customer (openid_connect_user_id) whose consents the token may modify.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? CustomerId { get; set; }

        /// <summary>MX FDX API version.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string ApiVersion { get; set; } = "v4";

        /// <summary>Entra ID tenant. Falls back to PRIVACYSERVICES_TENANT_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? TenantId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? Name { get; set; }

        /// <summary>How long before expiry a token is renewed (never more than half its lifetime).</summary>
        [Parameter]
        [SecondsTimeSpan]
        public TimeSpan RefreshMargin { get; set; } = Tokens.RefreshPolicy.DefaultMargin;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetry { get; set; } = 3;

        /// <summary>How long one HTTP request may take before it is abandoned (Adobe's gateway itself drops requests after 60 s).</summary>
        [Parameter]
        [SecondsTimeSpan]
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>A proxy to send every request through instead of the system proxy, as Invoke-RestMethod's -Proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public Uri? Proxy { get; set; }

        /// <summary>The account the proxy expects (basic, NTLM or Kerberos); needs -Proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticates to -Proxy as the signed-in user. The system proxy gets these credentials without asking.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var notApplicable = ProviderParameters.FirstNotApplicable(Provider, MyInvocation.BoundParameters.Keys);
            if (notApplicable != null)
            {
                WriteError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.Connect.ParameterNotApplicable",
                    notApplicable,
                    ProviderParameters.NotApplicableMessage(Provider, notApplicable),
                    Provider));
                return;
            }

            var options = new ConnectOptions
            {
                Provider = Provider,
                Environment = Environment,
                Name = Name,
                TokenUri = TokenUri,
                ApiBaseUri = ApiBaseUri,
                Scopes = Scope,
                ClientAuthentication = MyInvocation.BoundParameters.ContainsKey(nameof(ClientAuthentication)) ? ClientAuthentication : (ClientAuthentication?)null,
                ProjectId = ProjectId,
                OrgId = OrgId,
                CustomerId = CustomerId,
                ApiVersion = ApiVersion,
                TenantId = TenantId ?? EnvironmentCredentials.Read(EnvironmentCredentials.TenantId),
                RefreshMargin = RefreshMargin,
                MaxRetry = MaxRetry,
                RequestTimeout = RequestTimeout,
                AccessToken = AccessToken,
                Proxy = Proxy,
                ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials.IsPresent,
            };
            PrivacyServiceSession session;
            try
            {
                ApplyCredential(options);
                using (TraceOnPipelineThread())
                {
                    session = SessionFactory.Create(options);
                }
            }
            catch (PrivacyServiceException ex) when (ex.ErrorId == "PrivacyServices.Connect.CredentialMissing" && Provider != PrivacyProvider.EntraId)
            {
                WriteError(MissingCredential(ex));
                return;
            }
            catch (PrivacyServiceException ex)
            {
                WriteError(ErrorRecords.From(ex, Provider, this));
                return;
            }

            WriteVerbose($"Connecting to {Provider} ({Environment}) as {DescribeIdentity(options)}; token endpoint {(session.TokenUri == null ? "none" : Redactor.RedactUri(session.TokenUri))}, " +
                $"API {(session.ApiBaseUri == null ? "none (tokens only; give -ApiBaseUri for API calls)" : Redactor.RedactUri(session.ApiBaseUri))}.");
            if (!TryRun(ct => session.GetTokenAsync(false, ct), session.Name, out var _))
            {
                session.Dispose();
                return;
            }

            SessionRegistry.Current.Add(session);
            WriteVerbose($"Session '{session.Name}' is now the default session of this runspace.");
            if (PassThru)
            {
                WriteObject(SessionStamp.ForOutput(session));
            }
        }

        /// <summary>No credential: says which parameters and which of this provider's environment variables would give one.</summary>
        private ErrorRecord MissingCredential(PrivacyServiceException ex)
        {
            var how = TakesCredentialFile
                ? $"give -CredentialFile (the service-account JSON file) or -ClientCredential, or set {EnvironmentCredentials.Describe(EnvironmentCredentials.CredentialFile, Provider)}"
                : $"give -ClientCredential (user name = client id, password = client secret), or set {EnvironmentCredentials.Describe(EnvironmentCredentials.ClientId, Provider)} " +
                  $"and {EnvironmentCredentials.Describe(EnvironmentCredentials.ClientSecret, Provider)}";
            return ErrorRecords.From(new PrivacyServiceException(ex.Kind, ex.ErrorId, $"No credential for {Provider}: {how}. Nothing prompts for one."), Provider, this);
        }

        /// <summary>Whether the provider reads a service-account file (-CredentialFile) as well as -ClientCredential.</summary>
        private bool TakesCredentialFile => ProviderRegistry.For(Provider).OwnOptions.Contains(nameof(ConnectOptions.ServiceAccount));

        private static string DescribeIdentity(ConnectOptions options)
        {
            if (options.AccessToken != null)
            {
                return "the given access token";
            }

            if (options.ManagedIdentity)
            {
                return options.ClientId == null ? "the system-assigned managed identity" : $"the user-assigned managed identity '{options.ClientId}'";
            }

            if (options.UserName != null)
            {
                return $"user '{options.UserName}' through client '{options.ClientId}' (password grant)";
            }

            return options.Certificate != null
                ? $"'{options.ClientId}' with certificate {options.Certificate.Thumbprint}"
                : $"'{options.ClientId}'";
        }

        private void ApplyCredential(ConnectOptions options)
        {
            if (AccessToken != null)
            {
                options.ClientId = ClientId;
                return;
            }

            switch (ParameterSetName)
            {
                case ManagedIdentitySet:
                    options.ManagedIdentity = true;
                    options.ClientId = ClientId;
                    return;
                case CertificateSet:
                case CertificateThumbprintSet:
                case CertificatePathSet:
                    options.ClientId = ClientId ?? EnvironmentCredentials.Read(EnvironmentCredentials.ClientId);
                    // The certificate's password is masked in anything reading the file may say.
                    using (var certificatePassword = SecretRegistry.NewScope())
                    {
                        certificatePassword.Add(CertificatePassword);
                        options.Certificate = Certificate != null
                            ? CertificateSources.RequirePrivateKey(Certificate, nameof(Certificate))
                            : CertificatePath != null
                                ? CertificateSources.FromPfxFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath), CertificatePassword)
                                : CertificateSources.FromCurrentUserStore(CertificateThumbprint!);
                    }

                    options.SendCertificateChain = SendCertificateChain;
                    return;
            }

            var credentialFile = CredentialFile;
            if (credentialFile == null && ClientCredential == null && TakesCredentialFile)
            {
                credentialFile = EnvironmentCredentials.Read(EnvironmentCredentials.CredentialFile, Provider, out var fileVariable);
                if (credentialFile != null)
                {
                    WriteVerbose($"Using the {Provider} credential file named by {fileVariable}.");
                }
            }

            if (credentialFile != null)
            {
                options.ServiceAccount = CredentialFiles.ReadLiveRamp(this, credentialFile);
                return;
            }

            if (UserCredential != null)
            {
                options.UserName = UserCredential.UserName;
                options.UserPassword = UserCredential.Password;
            }

            if (ClientCredential != null)
            {
                options.ClientId = ClientCredential.UserName;
                options.ClientSecret = ClientCredential.Password;
                return;
            }

            options.ClientId = EnvironmentCredentials.Read(EnvironmentCredentials.ClientId, Provider, out var idVariable);
            var secret = EnvironmentCredentials.Read(EnvironmentCredentials.ClientSecret, Provider, out var secretVariable);
            if (secret != null)
            {
                options.ClientSecret = Authentication.SecretText.ToSecureString(secret);
                WriteVerbose(options.ClientId == null
                    ? $"Using the client secret from {secretVariable}; no client id is set ({EnvironmentCredentials.Describe(EnvironmentCredentials.ClientId, Provider)})."
                    : $"Using the client credential from {idVariable} and {secretVariable}.");
                return;
            }

            if (Provider == PrivacyProvider.EntraId)
            {
                ApplyEnvironmentCertificate(options);
            }
        }

        /// <summary>PRIVACYSERVICES_CERTIFICATE_PATH (+ _PASSWORD) or PRIVACYSERVICES_CERTIFICATE_THUMBPRINT, for CI.</summary>
        private void ApplyEnvironmentCertificate(ConnectOptions options)
        {
            var path = EnvironmentCredentials.Read(EnvironmentCredentials.CertificatePath);
            if (path != null)
            {
                var password = EnvironmentCredentials.Read(EnvironmentCredentials.CertificatePassword);
                using (var securePassword = password == null ? null : SecretText.ToSecureString(password))
                {
                    options.Certificate = CertificateSources.FromPfxFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), securePassword);
                }

                WriteVerbose($"Using the certificate file from {EnvironmentCredentials.CertificatePath}.");
                return;
            }

            var thumbprint = EnvironmentCredentials.Read(EnvironmentCredentials.CertificateThumbprint);
            if (thumbprint != null)
            {
                options.Certificate = CertificateSources.FromCurrentUserStore(thumbprint);
                WriteVerbose($"Using the certificate named by {EnvironmentCredentials.CertificateThumbprint}.");
            }
        }
    }
}
