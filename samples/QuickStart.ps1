<#
.SYNOPSIS
    The PrivacyServices quickstart: a tour of the five vendors through the local emulator. It connects one named session
    per vendor, makes one real call to each, shows that the cached tokens are reused (no secret is ever shown), and
    disconnects them all.
.DESCRIPTION
    telia     Connect-PrivacyService -Provider Telia, then Get-ProjectInfo (the project's configuration).
    adobe     New-PrivacyJob for one user (a GDPR access job), then Wait-PrivacyJob until it is complete.
    liveramp  Get-ConsentFile -First 3 (the first consent files of the list; Save-ConsentFile would download them).
    mx        Get-DataSharingConsent (which apps see the customer's accounts).
    dnb       Invoke-PrivacyServiceRequest: D&B has no cmdlet of its own, so the person search API is called directly.
    Then three more calls per session, and Get-PrivacyServiceSession shows one token request per session for all of them.
    The credentials are the emulator's public test clients; with a real tenant, use Get-Credential, SecretManagement or an
    Azure Automation credential asset instead.
.EXAMPLE
    dotnet run --project samples/QuickStart                 # builds the module, starts the emulator in-process, runs this
.EXAMPLE
    dotnet run --project src/PrivacyServices.Emulator      # in one terminal: prints its URL (http://127.0.0.1:5080)
    pwsh samples/QuickStart.ps1 -EmulatorUri http://127.0.0.1:5080
#>
[CmdletBinding()]
param(
    # Where the emulator listens (it prints this at start-up).
    [Uri] $EmulatorUri = $(if ($env:PRIVACYSERVICES_EMULATOR_URI) { $env:PRIVACYSERVICES_EMULATOR_URI } else { 'http://127.0.0.1:5080' }),

    # The built module (dotnet build leaves it in out/module/PrivacyServices).
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/module/PrivacyServices/PrivacyServices.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$root = $EmulatorUri.AbsoluteUri.TrimEnd('/')

# The emulator's public test clients. With a real tenant, use Get-Credential or an Azure Automation credential asset.
function New-EmulatorCredential([string] $ClientId, [string] $PublicTestSecret) {
    $secret = [System.Security.SecureString]::new()
    foreach ($c in $PublicTestSecret.ToCharArray()) { $secret.AppendChar($c) }
    $secret.MakeReadOnly()
    [pscredential]::new($ClientId, $secret)
}

# One named session per vendor. Each asks for its first token at once, so a wrong credential or URI fails here.
Connect-PrivacyService -Provider Telia -Name telia -ClientCredential (New-EmulatorCredential 'telia-client' 'telia-secret') `
    -TokenUri "$root/telia/oauth/token" -ApiBaseUri "$root/telia/api" -ProjectId 'demo-project'
Connect-PrivacyService -Provider Adobe -Name adobe -ClientCredential (New-EmulatorCredential 'adobe-client' 'adobe-secret') `
    -TokenUri "$root/adobe/ims/token/v3" -ApiBaseUri "$root/adobe/data/core/privacy" -OrgId 'TESTORG@AdobeOrg'
# LiveRamp: the service account's account_id and secret_key (or -CredentialFile with the JSON file LiveRamp issues).
Connect-PrivacyService -Provider LiveRamp -Name liveramp `
    -ClientCredential (New-EmulatorCredential 'svc-privacy@serviceaccounts.liveramp.com' 'liveramp-secret-key') `
    -TokenUri "$root/liveramp/oauth2/default/v2/token" -ApiBaseUri "$root/liveramp/privacy/v2"
# MX: the data provider's host; the token URI ({ApiBaseUri}/api/v4/token) follows from it.
Connect-PrivacyService -Provider MX -Name mx -ClientCredential (New-EmulatorCredential 'mx-client' 'mx-secret') `
    -ApiBaseUri "$root/mx" -CustomerId 'cust-42'
Connect-PrivacyService -Provider DnB -Name dnb -ClientCredential (New-EmulatorCredential 'dnb-client' 'dnb-secret') `
    -TokenUri "$root/dnb/as/token.oauth2" -ApiBaseUri "$root/dnb/api"

# Each listing goes to Out-Default on its own, so each gets its own table (as at the prompt). Only core cmdlets besides
# the module's: the embedded engine of dotnet run has no Format-Table or Select-Object, so each object shows its own view.
'== Sessions: one token each, no API call yet =='
Get-PrivacyServiceSession | Out-Default

# No -Session needed below: each cmdlet uses the only session of its vendor.
'== Telia: Get-ProjectInfo =='
Get-ProjectInfo | Out-Default

'== Adobe: New-PrivacyJob for one user, then Wait-PrivacyJob =='
$job = New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Key jane -Namespace email -Value 'jane@example.com'
$job | Wait-PrivacyJob -PollInterval 0.2 -Timeout 60 | Out-Default

'== LiveRamp: Get-ConsentFile -First 3 =='
Get-ConsentFile -First 3 | Out-Default

'== MX: Get-DataSharingConsent =='
Get-DataSharingConsent | Out-Default

# D&B has no cmdlet of its own: Invoke-PrivacyServiceRequest calls any endpoint of the session's API, with its token.
'== D&B: Invoke-PrivacyServiceRequest (person search) =='
(Invoke-PrivacyServiceRequest -Uri 'consumerintelligence/person/v2/?firstName=Anna').persons | Out-Default

'== Tokens (their values stay SecureStrings) =='
Get-PrivacyServiceSession | Get-PrivacyToken | Out-Default

'== Three more calls per session reuse the cached tokens =='
foreach ($i in 1..3) {
    $null = Get-ProjectInfo
    $null = $job | Get-PrivacyJob
    $null = Get-ConsentFile -First 3
    $null = Get-DataSharingConsent
    $null = Invoke-PrivacyServiceRequest -Uri 'consumerintelligence/person/v2/?firstName=Anna'
}
Get-PrivacyServiceSession | Out-Default

Get-PrivacyServiceSession | Disconnect-PrivacyService
'Disconnected: every session''s secret and token were cleared.'
