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
            if (Directory.Exists(fullPath))
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.LiveRamp.CredentialFileIsFolder",
                    $"The LiveRamp credential file '{fullPath}' is a folder, not a file (-CredentialFile).");
            }

            var file = new FileInfo(fullPath);
            if (!file.Exists)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.NotFound,
                    "PrivacyServices.LiveRamp.CredentialFileNotFound",
                    $"The LiveRamp credential file '{fullPath}' does not exist (-CredentialFile).");
            }

            if (file.Length > CredentialFileText.MaxBytes)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.LiveRamp.CredentialFileTooLarge",
                    $"The LiveRamp credential file '{fullPath}' has {file.Length:N0} bytes; a credentials file has a few hundred, so it was not read (-CredentialFile).");
            }

            var text = CredentialFileText.Decode(File.ReadAllBytes(fullPath)) ?? throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidConfiguration,
                "PrivacyServices.LiveRamp.InvalidCredentialFile",
                $"The LiveRamp credential file '{fullPath}' is not UTF-8 or UTF-16 text; save it as UTF-8, as LiveRamp provides it (-CredentialFile).");
            return LiveRampServiceAccount.Parse(text, fullPath);
        }
    }
}
