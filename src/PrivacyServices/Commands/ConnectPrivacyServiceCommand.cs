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

        [Parameter(Mandatory = true, Position = 0)]
        public PrivacyProvider Provider { get; set; }

        /// <summary>User name = client id, password = client secret. Falls back to PRIVACYSERVICES_CLIENT_ID/_SECRET.</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Credential]
        public PSCredential? ClientCredential { get; set; }

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
                RefreshMargin = RefreshMargin,
                MaxRetry = MaxRetry,
                AccessToken = AccessToken,
            };
            ApplyClientCredential(options);

            PrivacyServiceSession session;
            try
            {
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

        private void ApplyClientCredential(ConnectOptions options)
        {
            if (AccessToken != null)
            {
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
