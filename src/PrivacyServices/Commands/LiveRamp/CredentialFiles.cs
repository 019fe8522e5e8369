using System.IO;
using System.Management.Automation;
using PrivacyServices.Authentication;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Reads credential files given by PowerShell path (relative to the current location, ~ and PSDrives allowed).</summary>
    internal static class CredentialFiles
    {
        public static LiveRampServiceAccount ReadLiveRamp(PSCmdlet cmdlet, string path)
        {
            var fullPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(fullPath))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.NotFound,
                    "PrivacyServices.LiveRamp.CredentialFileNotFound",
                    $"The LiveRamp credential file '{fullPath}' does not exist (-CredentialFile).");
            }

            return LiveRampServiceAccount.Parse(File.ReadAllText(fullPath), fullPath);
        }
    }
}
