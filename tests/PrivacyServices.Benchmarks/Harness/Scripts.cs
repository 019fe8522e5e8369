using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>Connect scripts for the emulator's test accounts ($args[0] = emulator root). The hosted engine has no ConvertTo-SecureString.</summary>
public static class Scripts
{
    private const string CredentialHelper = @"
        function New-BenchCredential([string] $User, [string] $Secret) {
            $s = [securestring]::new(); foreach ($c in $Secret.ToCharArray()) { $s.AppendChar($c) }
            [pscredential]::new($User, $s)
        }";

    public const string ConnectTelia = CredentialHelper + @"
        Connect-PrivacyService -Provider Telia -ClientCredential (New-BenchCredential '" + TestCredentials.TeliaClientId + "' '" + TestCredentials.TeliaClientSecret + @"') `
            -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api') -ProjectId '" + TestCredentials.TeliaProjectId + @"' -PassThru";

    public const string ConnectLiveRamp = CredentialHelper + @"
        Connect-PrivacyService -Provider LiveRamp -Credential (New-BenchCredential '" + TestCredentials.LiveRampAccountId + "' '" + TestCredentials.LiveRampSecretKey + @"') `
            -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2') -PassThru";

    /// <summary>Adobe as its emulator is set up on the branch that adds it (client adobe-client, org TESTORG@AdobeOrg).</summary>
    public const string ConnectAdobe = CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-BenchCredential 'adobe-client' 'adobe-secret') `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -OrgId 'TESTORG@AdobeOrg' -PassThru";
}
