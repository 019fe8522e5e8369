using System.Management.Automation;
using PrivacyServices.Authentication;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>The session's token: cached while fresh, else a new one. The value is a SecureString unless -AsPlainText.</summary>
    [Cmdlet(VerbsCommon.Get, "PrivacyToken", HelpUri = Infrastructure.HelpLinks.Cmdlets + "Get-PrivacyToken.md")]
    [OutputType(typeof(PrivacyToken))]
    [OutputType(typeof(string))]
    public sealed class GetPrivacyTokenCommand : ApiCmdlet
    {
        [Parameter]
        public SwitchParameter ForceRefresh { get; set; }

        /// <summary>Emits the token itself as a string, for tools that need it.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var session = ApiSession;
            if (!TryRun(ct => session.GetTokenAsync(ForceRefresh, ct), session, out var token))
            {
                return;
            }

            if (AsPlainText)
            {
                WriteObject(SecretText.Use(token.Token, plain => plain));
                return;
            }

            WriteObject(token);
        }
    }
}
