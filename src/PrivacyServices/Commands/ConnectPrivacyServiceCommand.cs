using System;
using System.Management.Automation;
using System.Security;
using PrivacyServices.Http;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Creates a session, gets its first token (so bad credentials fail here) and makes it the default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "PrivacyService", DefaultParameterSetName = ClientSecretSet)]
    [OutputType(typeof(PrivacyServiceSession))]
    public sealed class ConnectPrivacyServiceCommand : PrivacyCmdlet
    {
        private const string ClientSecretSet = "ClientSecret";
        private const string AccessTokenSet = "AccessToken";
        private const string CredentialFileSet = "CredentialFile";

        [Parameter(Mandatory = true, Position = 0)]
        public PrivacyProvider Provider { get; set; }

        /// <summary>User name = client id, password = client secret. Falls back to PRIVACYSERVICES_CLIENT_ID/_SECRET.</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Alias("Credential")]
        [Credential]
        public PSCredential? ClientCredential { get; set; }

        /// <summary>LiveRamp's service-account JSON file. Falls back to PRIVACYSERVICES_CREDENTIAL_FILE.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialFileSet)]
        [ValidateNotNullOrEmpty]
        public string? CredentialFile { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        [Parameter]
        public PrivacyEnvironment Environment { get; set; } = PrivacyEnvironment.Production;

        [Parameter]
        [ValidateNotNull]
        public Uri? TokenUri { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? ApiBaseUri { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string[] Scope { get; set; } = Array.Empty<string>();

        [Parameter]
        public ClientAuthentication ClientAuthentication { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>Adobe IMS organization id (x-gw-ims-org-id).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrgId { get; set; }

        /// <summary>MX customer (openid_connect_user_id) whose consents the token may modify.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CustomerId { get; set; }

        /// <summary>MX FDX API version.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ApiVersion { get; set; } = "v4";

        /// <summary>Entra ID tenant. Falls back to PRIVACYSERVICES_TENANT_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>How long before expiry a token is renewed (never more than half its lifetime).</summary>
        [Parameter]
        public TimeSpan RefreshMargin { get; set; } = Tokens.RefreshPolicy.DefaultMargin;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetry { get; set; } = 3;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
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
                AccessToken = AccessToken,
            };
            PrivacyServiceSession session;
            try
            {
                ApplyCredential(options);
                session = SessionFactory.Create(options);
            }
            catch (PrivacyServiceException ex)
            {
                WriteError(ErrorRecords.From(ex, Provider));
                return;
            }

            WriteVerbose($"Connecting to {Provider} ({Environment}) as '{options.ClientId ?? "access token"}'; token endpoint {(session.TokenUri == null ? "none" : Redactor.RedactUri(session.TokenUri))}, API {Redactor.RedactUri(session.ApiBaseUri)}.");
            if (!TryRun(ct => session.GetTokenAsync(false, ct), session.Name, out var _))
            {
                session.Dispose();
                return;
            }

            SessionRegistry.Current.Add(session);
            WriteVerbose($"Session '{session.Name}' is now the default session of this runspace.");
            if (PassThru)
            {
                WriteObject(session);
            }
        }

        private void ApplyCredential(ConnectOptions options)
        {
            if (AccessToken != null)
            {
                return;
            }

            var credentialFile = CredentialFile;
            if (credentialFile == null && ClientCredential == null && Provider == PrivacyProvider.LiveRamp)
            {
                credentialFile = EnvironmentCredentials.Read(EnvironmentCredentials.CredentialFile);
                if (credentialFile != null)
                {
                    WriteVerbose($"Using the LiveRamp credential file named by {EnvironmentCredentials.CredentialFile}.");
                }
            }

            if (credentialFile != null)
            {
                options.ServiceAccount = CredentialFiles.ReadLiveRamp(this, credentialFile);
                return;
            }

            if (ClientCredential != null)
            {
                options.ClientId = ClientCredential.UserName;
                options.ClientSecret = ClientCredential.Password;
                return;
            }

            options.ClientId = EnvironmentCredentials.Read(EnvironmentCredentials.ClientId);
            var secret = EnvironmentCredentials.Read(EnvironmentCredentials.ClientSecret);
            if (secret != null)
            {
                options.ClientSecret = Authentication.SecretText.ToSecureString(secret);
                WriteVerbose($"Using the client credential from {EnvironmentCredentials.ClientId} and {EnvironmentCredentials.ClientSecret}.");
            }
        }
    }
}
