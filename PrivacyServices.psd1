@{
    RootModule           = 'PrivacyServices.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c2b1e-4d0a-4f7e-9a53-2f3b8e9c7d41'
    Author               = 'PrivacyServices contributors'
    CompanyName          = 'PrivacyServices'
    Copyright            = '(c) PrivacyServices contributors. MIT License.'
    Description          = 'Authenticate to privacy APIs (Telia, Adobe Privacy Service, Dun & Bradstreet, LiveRamp, MX, Entra ID, any OAuth 2.0 API) with one session, and call them with one line each.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('PrivacyServices.format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-PrivacyService'
        'Disconnect-PrivacyService'
        'Get-PrivacyServiceSession'
        'Get-PrivacyToken'
        'Get-ProjectInfo'
        'Invoke-PrivacyServiceRequest'
        'Get-ConsentFile'
        'Save-ConsentFile'
        'New-PrivacyJob'
        'Get-PrivacyJob'
        'Wait-PrivacyJob'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Privacy', 'GDPR', 'CCPA', 'OAuth', 'Consent', 'Adobe', 'LiveRamp', 'Telia', 'EntraId', 'AzureAutomation', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'First release: sessions and token caching for Generic, DnB and Telia; Get-ProjectInfo.'
        }
    }
}
