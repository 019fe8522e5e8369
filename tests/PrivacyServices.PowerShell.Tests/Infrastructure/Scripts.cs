namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>Script fragments shared by the hosted-engine tests (the hosted engine has no ConvertTo-SecureString).</summary>
public static class Scripts
{
    /// <summary>Defines <c>New-TestCredential $user $secret</c> in the runspace.</summary>
    public const string CredentialHelper = @"
        function New-TestCredential([string] $User, [string] $Secret) {
            $s = [securestring]::new(); foreach ($c in $Secret.ToCharArray()) { $s.AppendChar($c) }
            [pscredential]::new($User, $s)
        }";

    public const string ConnectTelia = CredentialHelper + @"
        Connect-PrivacyService -Provider Telia -ClientCredential (New-TestCredential telia-client telia-secret) `
            -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api') -ProjectId demo-project -PassThru";

    public const string ConnectDnb = CredentialHelper + @"
        Connect-PrivacyService -Provider DnB -ClientCredential (New-TestCredential dnb-client dnb-secret) `
            -TokenUri ($args[0] + '/dnb/as/token.oauth2') -ApiBaseUri ($args[0] + '/dnb/api') -Scope bci -PassThru";

    public const string ConnectGeneric = CredentialHelper + @"
        Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential generic-client 's3cr:t+/=&% é') `
            -TokenUri ($args[0] + '/generic/token') -ApiBaseUri ($args[0] + '/generic/api') -Scope read,write -PassThru";
}
