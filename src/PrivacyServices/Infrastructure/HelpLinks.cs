namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Where each cmdlet's page is published (Get-Help -Online opens HelpLinks.Cmdlets + the cmdlet name + ".md").</summary>
    internal static class HelpLinks
    {
        public const string Cmdlets = "https://github.com/privacyservices/PrivacyServices/blob/main/docs/cmdlets/";
    }
}
