<#
.SYNOPSIS
    The PrivacyServices quickstart: connect to Telia through the local emulator, look at the session and its token
    (no secret is ever shown), and read the project's configuration.
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

# The emulator's Telia test client. With a real tenant, use Get-Credential or an Azure Automation credential asset.
$secret = [System.Security.SecureString]::new()
foreach ($c in 'telia-secret'.ToCharArray()) { $secret.AppendChar($c) }
$credential = [pscredential]::new('telia-client', $secret)

Connect-PrivacyService -Provider Telia -ClientCredential $credential `
    -TokenUri "$root/telia/oauth/token" -ApiBaseUri "$root/telia/api" -ProjectId 'demo-project'

# Each listing goes to Out-Default on its own, so each gets its own table (as at the prompt).
'== Session =='
Get-PrivacyServiceSession | Out-Default

'== Token (its value stays a SecureString) =='
Get-PrivacyToken | Out-Default

'== Project =='
Get-ProjectInfo | Out-Default

'== Three more calls reuse the cached token =='
1..3 | ForEach-Object { $null = Get-ProjectInfo }
Get-PrivacyServiceSession | Out-Default

Disconnect-PrivacyService
'Disconnected: the session''s secret and token were cleared.'
