@{
    # The cmdlets. No NestedModules or RequiredAssemblies: PowerShell would load those before the root module, into the
    # session's shared load context. MSAL and its dependencies (Dependencies/) load on first use, in PowerShell 7 in the
    # module's own AssemblyLoadContext (docs/coexistence.md).
    RootModule             = 'PrivacyServices.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f0c2b1e-4d0a-4f7e-9a53-2f3b8e9c7d41'
    Author                 = 'PrivacyServices contributors'
    CompanyName            = 'PrivacyServices'
    Copyright              = '(c) PrivacyServices contributors. MIT License.'
    Description            = 'Authenticate to privacy APIs (Telia, Adobe Privacy Service, Dun & Bradstreet, LiveRamp, MX, Entra ID, any OAuth 2.0 API) with one session, and call them with one line each. Ships with a local emulator of the vendors for Pester tests.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    # Windows PowerShell: netstandard2.0 assemblies need .NET Framework 4.7.2 or later (earlier ones lack the facades).
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('PrivacyServices.format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Connect-PrivacyService'
        'Disconnect-PrivacyService'
        'Get-PrivacyServiceSession'
        'Select-PrivacyServiceSession'
        'Get-PrivacyToken'
        'Get-ProjectInfo'
        'Invoke-PrivacyServiceRequest'
        'Get-ConsentFile'
        'Save-ConsentFile'
        'New-PrivacyJob'
        'Get-PrivacyJob'
        'Wait-PrivacyJob'
        'Save-PrivacyJobResult'
        'Submit-PrivacyOptOut'
        'Get-DataSharingConsent'
        'Revoke-DataSharingConsent'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Privacy', 'GDPR', 'CCPA', 'DSR', 'OAuth', 'OAuth2', 'Consent', 'Adobe', 'LiveRamp', 'Telia', 'DnB', 'MX', 'EntraId', 'MSAL', 'ManagedIdentity', 'AzureAutomation', 'Emulator', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/privacyservices/PrivacyServices/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/privacyservices/PrivacyServices'
            ReleaseNotes = @'
0.1.0 - first release
- Connect-PrivacyService: one session per provider (Generic OAuth 2.0, DnB, Telia, Adobe, LiveRamp, MX, EntraId) with secrets kept as SecureString and a token cache that renews shortly before expiry; Disconnect-PrivacyService, Get-PrivacyServiceSession, Get-PrivacyToken.
- EntraId through MSAL 4.92: client secret, certificate (object, thumbprint, PFX) and managed identity (Azure Automation, App Service). In PowerShell 7, MSAL loads in the module's own AssemblyLoadContext, so sessions that already hold another MSAL or Newtonsoft.Json (Az.Accounts, Microsoft.Graph) keep working.
- Get-ProjectInfo (Telia), Get-ConsentFile and Save-ConsentFile (LiveRamp), New-PrivacyJob, Get-PrivacyJob, Wait-PrivacyJob, Save-PrivacyJobResult and Submit-PrivacyOptOut (Adobe Privacy Service), Get-DataSharingConsent and Revoke-DataSharingConsent (MX consent management), Invoke-PrivacyServiceRequest for any endpoint of a session's API (D&B and the rest).
- Windows PowerShell 5.1 and PowerShell 7.2+; the zip imports as an Azure Automation module.
'@
        }
    }
}
