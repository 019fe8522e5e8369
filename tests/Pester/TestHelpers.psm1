<#
Shared helpers for the Pester suite (tests/Pester/*.Tests.ps1). Import it in each file's BeforeAll:

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-PrivacyServicesModule                 # the BUILT module (out/module/PrivacyServices), as users import it
        $script:emulator = Start-PrivacyEmulator     # the emulator in its own process, on a free loopback port
    }
    AfterAll { Stop-PrivacyEmulator $script:emulator }

    It 'counts at the emulator' {
        Reset-PrivacyEmulator $emulator
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia   # a hashtable to splat
        Connect-PrivacyService @connect
        Get-ProjectInfo
        Get-PrivacyEmulatorCounter $emulator 'telia.token' | Should -Be 1
    }

The emulator's controls (Start-/Stop-/Reset-PrivacyEmulator, Get-PrivacyEmulatorCounter, Set-PrivacyEmulatorTokenLifetime,
Register-PrivacyEmulatorClient, Add-/Clear-PrivacyEmulatorFault, Get-PrivacyEmulatorProvider, Get-PrivacyEmulatorConnectParameter,
Invoke-PrivacyEmulatorControl) come from the module users get with the emulator (src/PrivacyServices.Emulator/PowerShell),
imported here from the built emulator's folder: the suite drives the emulator exactly as users' suites do.

Here, for this repository's own tests: New-TestCredential, Get-ErrorText (every formatting of error records, for secret
scans), Get-PowerShellPath (this pwsh, for fresh processes), Disconnect-AllPrivacyServiceSessions, Get-OtherModuleAssemblyPath
(another module's MSAL and Newtonsoft.Json, for coexistence tests).

Environment overrides, set by the dotnet test that runs this suite:
  PRIVACYSERVICES_MODULE_PATH    the module manifest to import (default: out/module/PrivacyServices/PrivacyServices.psd1)
  PRIVACYSERVICES_EMULATOR_DLL   the emulator dll (default: the newest of bin/Debug and bin/Release)
#>

Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-RepositoryRoot {
    $script:RepoRoot
}

function Get-PrivacyServicesManifestPath {
    <# The module manifest the suite tests: PRIVACYSERVICES_MODULE_PATH, else the folder dotnet build leaves. #>
    $path = if ($env:PRIVACYSERVICES_MODULE_PATH) { $env:PRIVACYSERVICES_MODULE_PATH }
            else { Join-Path $script:RepoRoot 'out/module/PrivacyServices/PrivacyServices.psd1' }
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The module is not built at '$path'. Run 'dotnet build' (or 'pwsh ./build.ps1 -Task Build') first."
    }

    (Resolve-Path -LiteralPath $path).Path
}

function Import-PrivacyServicesModule {
    <# Imports the built module into the caller's session (global scope, as a user's Import-Module does). #>
    Import-Module (Get-PrivacyServicesManifestPath) -Force -Global -ErrorAction Stop
}

function Get-PowerShellPath {
    <# The pwsh running this suite, for tests that start a fresh process the way users do. #>
    [Environment]::ProcessPath
}

function Get-EmulatorDllPath {
    if ($env:PRIVACYSERVICES_EMULATOR_DLL) {
        if (-not (Test-Path -LiteralPath $env:PRIVACYSERVICES_EMULATOR_DLL)) {
            throw "PRIVACYSERVICES_EMULATOR_DLL points to '$env:PRIVACYSERVICES_EMULATOR_DLL', which does not exist."
        }

        return $env:PRIVACYSERVICES_EMULATOR_DLL
    }

    $candidates = foreach ($configuration in 'Debug', 'Release') {
        Get-Item -LiteralPath (Join-Path $script:RepoRoot "src/PrivacyServices.Emulator/bin/$configuration/net10.0/PrivacyServices.Emulator.dll") -ErrorAction Ignore
    }

    $newest = $candidates | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $newest) {
        throw "The emulator is not built (src/PrivacyServices.Emulator/bin/<Configuration>/net10.0/PrivacyServices.Emulator.dll). Run 'dotnet build' first."
    }

    $newest.FullName
}

function Get-BuildOutputPath {
    <#
    .SYNOPSIS
        The bin/<Configuration>/<TargetFramework> folder of a project of the repository, in the configuration the emulator
        was built in (for example samples/QuickStart -> samples/QuickStart/bin/Debug/net10.0).
    #>
    param([Parameter(Mandatory, Position = 0)] [string] $Project)

    $emulatorOutput = Split-Path -Parent (Get-EmulatorDllPath)
    $framework = Split-Path -Leaf $emulatorOutput
    $configuration = Split-Path -Leaf (Split-Path -Parent $emulatorOutput)
    Join-Path $script:RepoRoot "$Project/bin/$configuration/$framework"
}

function Get-OtherModuleAssemblyPath {
    <#
    .SYNOPSIS
        Another module's copies of this module's dependencies, for coexistence tests: MSAL 4.61.3 (with its
        Microsoft.IdentityModel.Abstractions 6.35) and Newtonsoft.Json 12.0.3. The test project downloads them and copies them
        to its bin/<Configuration>/<framework>/OtherModules/ (dotnet build tests/PrivacyServices.PowerShell.Tests).
    #>
    $folder = Join-Path (Get-BuildOutputPath 'tests/PrivacyServices.PowerShell.Tests') 'OtherModules'
    $paths = [pscustomobject]@{
        Msal         = Join-Path $folder 'msal-4.61.3/Microsoft.Identity.Client.dll'
        Abstractions = Join-Path $folder 'msal-4.61.3/Microsoft.IdentityModel.Abstractions.dll'
        Newtonsoft   = Join-Path $folder 'newtonsoft-12.0.3/Newtonsoft.Json.dll'
    }
    foreach ($path in $paths.PSObject.Properties.Value) {
        if (-not (Test-Path -LiteralPath $path)) {
            throw "'$path' is missing. Run 'dotnet build tests/PrivacyServices.PowerShell.Tests' first."
        }
    }

    $paths
}

function Get-DotnetPath {
    # dotnet test and dotnet run set DOTNET_HOST_PATH for their children: the same dotnet runs the emulator.
    if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) {
        return $env:DOTNET_HOST_PATH
    }

    $dotnet = Get-Command dotnet -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $dotnet) {
        throw 'dotnet is not on PATH: the emulator needs it.'
    }

    $dotnet.Source
}

function New-TestCredential {
    <# A PSCredential (user name = client id, password = secret), as Get-Credential would give it. #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $ClientId,
        [Parameter(Mandatory, Position = 1)] [string] $Secret
    )

    [pscredential]::new($ClientId, (ConvertTo-SecureString -String $Secret -AsPlainText -Force))
}

function Disconnect-AllPrivacyServiceSessions {
    <# Ends every session of this runspace, so each test starts without a default session. #>
    Get-PrivacyServiceSession | Disconnect-PrivacyService
}

function Get-ErrorText {
    <# Every way PowerShell can show the given error records, as one string: for scanning for secrets. #>
    param([Parameter(Position = 0)] [object[]] $ErrorRecord)

    $text = foreach ($record in $ErrorRecord) {
        $record | Out-String -Width 500
        $record | Format-List * -Force | Out-String -Width 500
        $record | Get-Error | Out-String -Width 500
        $exception = $record.Exception
        while ($exception) {
            $exception.ToString()
            $exception | Format-List * -Force | Out-String -Width 500
            $exception = $exception.InnerException
        }
    }

    $text -join "`n"
}

# The emulator's own control module, beside the emulator dll the suite runs (global: the test files call it directly).
Import-Module (Join-Path (Split-Path -Parent (Get-EmulatorDllPath)) 'PowerShell/PrivacyServicesEmulator.psd1') -Global -Force -ErrorAction Stop

Export-ModuleMember -Function *-*
