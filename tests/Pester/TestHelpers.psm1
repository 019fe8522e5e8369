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
        $connect = Get-EmulatorConnectParameter $emulator -Provider Telia   # a hashtable to splat
        Connect-PrivacyService @connect
        Get-ProjectInfo
        Get-EmulatorCounter $emulator 'telia.token' | Should -Be 1
    }

Also: Get-EmulatorCounter $emulator (all counters), Set-EmulatorTokenLifetime, Register-EmulatorClient, Invoke-EmulatorControl
(any /_emulator/ control), New-TestCredential, Get-ErrorText (every formatting of error records, for secret scans),
Get-PowerShellPath (this pwsh, for fresh processes), Disconnect-AllPrivacyServiceSessions, Get-OtherModuleAssemblyPath
(another module's MSAL and Newtonsoft.Json, for coexistence tests).

The emulator is the built dll (src/PrivacyServices.Emulator/bin/<Configuration>/net10.0), started with `--port 0 --ready-file`
and `--parent-pid` (so it never outlives a killed test run). Environment overrides, set by the dotnet test that runs this suite:
  PRIVACYSERVICES_MODULE_PATH    the module manifest to import (default: out/module/PrivacyServices/PrivacyServices.psd1)
  PRIVACYSERVICES_EMULATOR_DLL   the emulator dll (default: the newest of bin/Debug and bin/Release)
A new provider's emulator paths and test credentials go in $script:EmulatorClients below, one entry each.
#>

Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# The emulator's accepted clients (src/PrivacyServices.Emulator/Infrastructure/TestCredentials.cs) and where each provider lives.
$script:EmulatorClients = @{
    Generic = @{ TokenPath = 'generic/token'; ApiPath = 'generic/api'; ClientId = 'generic-client'; Secret = 's3cr:t+/=&% é' }
    DnB     = @{ TokenPath = 'dnb/as/token.oauth2'; ApiPath = 'dnb/api'; ClientId = 'dnb-client'; Secret = 'dnb-secret' }
    Telia   = @{ TokenPath = 'telia/oauth/token'; ApiPath = 'telia/api'; ClientId = 'telia-client'; Secret = 'telia-secret'; ProjectId = 'demo-project' }
    Adobe   = @{ TokenPath = 'adobe/ims/token/v3'; ApiPath = 'adobe/data/core/privacy'; ClientId = 'adobe-client'; Secret = 'adobe-secret'; OrgId = 'TESTORG@AdobeOrg' }
    LiveRamp = @{ TokenPath = 'liveramp/oauth2/default/v2/token'; ApiPath = 'liveramp/privacy/v2'; ClientId = 'svc-privacy@serviceaccounts.liveramp.com'; Secret = 'liveramp-secret-key' }
    MX      = @{ TokenPath = 'mx/api/v4/token'; ApiPath = 'mx'; ClientId = 'mx-client'; Secret = 'mx-secret'; CustomerId = 'cust-42' }
}

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

function Start-PrivacyEmulator {
    <#
    .SYNOPSIS
        Starts the built emulator as its own process on a free loopback port and waits until it listens.
    .OUTPUTS
        An object with BaseUri (no trailing slash), Process, and the paths of its ready file and logs. Pass it to
        Stop-PrivacyEmulator in AfterAll.
    #>
    [CmdletBinding()]
    param(
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(60)
    )

    $work = Join-Path ([IO.Path]::GetTempPath()) ("privacyservices-emulator-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    $readyFile = Join-Path $work 'ready.json'
    $stdout = Join-Path $work 'stdout.txt'
    $stderr = Join-Path $work 'stderr.txt'

    $arguments = @((Get-EmulatorDllPath), '--port', '0', '--ready-file', $readyFile, '--parent-pid', $PID)
    # Start-Process joins its arguments with spaces: quote them (temp and repository paths may hold spaces).
    $process = Start-Process -FilePath (Get-DotnetPath) -ArgumentList ($arguments | ForEach-Object { '"{0}"' -f $_ }) -PassThru -NoNewWindow `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr
    $emulator = [pscustomobject]@{
        PSTypeName = 'PrivacyServices.Tests.Emulator'
        BaseUri    = $null
        Process    = $process
        WorkPath   = $work
        ReadyFile  = $readyFile
        StdOut     = $stdout
        StdErr     = $stderr
    }

    $deadline = [DateTime]::UtcNow + $Timeout
    while (-not (Test-Path -LiteralPath $readyFile)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $why = if ($process.HasExited) { "exited with code $($process.ExitCode)" } else { "did not start within $Timeout" }
            $log = (Get-Content -LiteralPath $stdout, $stderr -Raw -ErrorAction Ignore) -join "`n"
            Stop-PrivacyEmulator $emulator
            throw "The emulator ($($arguments[0])) $why.`n$log"
        }

        Start-Sleep -Milliseconds 100
    }

    $ready = Get-Content -LiteralPath $readyFile -Raw | ConvertFrom-Json
    $emulator.BaseUri = $ready.baseUri.TrimEnd('/')
    $emulator
}

function Stop-PrivacyEmulator {
    <# Stops the emulator process and removes its temporary files. Safe to call twice or with $null. #>
    param(
        [Parameter(Position = 0)]
        [AllowNull()]
        [object] $Emulator
    )

    if (-not $Emulator) {
        return
    }

    $process = $Emulator.Process
    if ($process -and -not $process.HasExited) {
        $process.Kill()
        $null = $process.WaitForExit(10000)
    }

    if ($process) {
        $process.Dispose()
    }

    Remove-Item -LiteralPath $Emulator.WorkPath -Recurse -Force -ErrorAction Ignore
}

function Invoke-EmulatorControl {
    <#
    .SYNOPSIS
        Calls one of the emulator's controls (src/PrivacyServices.Emulator/Endpoints/ControlEndpoints.cs, under /_emulator/):
        Invoke-EmulatorControl $emulator lifetime -Query @{ key = 'telia'; seconds = 3 }. New controls need no new helper.
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory, Position = 1)] [string] $Control,
        [hashtable] $Query = @{},
        [ValidateSet('Get', 'Post', 'Put', 'Delete')] [string] $Method = 'Post'
    )

    $pairs = foreach ($key in $Query.Keys) {
        $value = if ($Query[$key] -is [IFormattable]) { $Query[$key].ToString($null, [cultureinfo]::InvariantCulture) } else { "$($Query[$key])" }
        '{0}={1}' -f [uri]::EscapeDataString($key), [uri]::EscapeDataString($value)
    }
    $uri = "$($Emulator.BaseUri)/_emulator/$Control" + $(if ($pairs) { '?' + ($pairs -join '&') } else { '' })
    Invoke-RestMethod -Method $Method -Uri $uri
}

function Get-EmulatorCounter {
    <#
    .SYNOPSIS
        One request counter of the emulator (0 when nothing was counted), or all of them as a hashtable without -Name.
        Keys are like telia.token, telia.token.refresh_token, telia.projectInfo, generic.token.auth.basic, dnb.token.
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Position = 1)] [string] $Name
    )

    $counters = @{}
    foreach ($property in (Invoke-EmulatorControl $Emulator counters -Method Get).PSObject.Properties) {
        $counters[$property.Name] = [long] $property.Value
    }

    if (-not $Name) {
        return $counters
    }

    # @{} is case-insensitive, like the emulator's keys.
    if ($counters.ContainsKey($Name)) { $counters[$Name] } else { [long] 0 }
}

function Reset-PrivacyEmulator {
    <# Clears the emulator's counters and restores its default token lifetimes. #>
    param([Parameter(Mandatory, Position = 0)] [object] $Emulator)

    $null = Invoke-EmulatorControl $Emulator reset
}

function Set-EmulatorTokenLifetime {
    <# Changes how long the emulator's tokens live for one key (telia, telia.refresh, dnb, generic, …) until the next reset. #>
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Key,
        [Parameter(Mandatory)] [double] $Seconds
    )

    $null = Invoke-EmulatorControl $Emulator lifetime -Query @{ key = $Key; seconds = $Seconds }
}

function Register-EmulatorClient {
    <# Makes the emulator accept another client id and secret for a provider (generic, dnb, telia, …). #>
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Provider,
        [Parameter(Mandatory)] [string] $ClientId,
        [Parameter(Mandatory)] [string] $Secret
    )

    $null = Invoke-EmulatorControl $Emulator clients -Query @{ provider = $Provider; clientId = $ClientId; secret = $Secret }
}

function New-TestCredential {
    <# A PSCredential (user name = client id, password = secret), as Get-Credential would give it. #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $ClientId,
        [Parameter(Mandatory, Position = 1)] [string] $Secret
    )

    [pscredential]::new($ClientId, (ConvertTo-SecureString -String $Secret -AsPlainText -Force))
}

function Get-EmulatorConnectParameter {
    <#
    .SYNOPSIS
        The Connect-PrivacyService parameters for a provider of the emulator, as a hashtable to splat. -Secret replaces the
        test secret (for example with a wrong one); any other key can be added or changed on the result.
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Provider,
        [string] $Secret
    )

    $client = $script:EmulatorClients[$Provider]
    if (-not $client) {
        throw "No emulator client is known for provider '$Provider' (known: $($script:EmulatorClients.Keys -join ', ')). Add it to TestHelpers.psm1."
    }

    $parameters = @{
        Provider         = $Provider
        ClientCredential = New-TestCredential $client.ClientId $(if ($PSBoundParameters.ContainsKey('Secret')) { $Secret } else { $client.Secret })
        TokenUri         = "$($Emulator.BaseUri)/$($client.TokenPath)"
        ApiBaseUri       = "$($Emulator.BaseUri)/$($client.ApiPath)"
    }
    foreach ($setting in 'ProjectId', 'OrgId', 'CustomerId') {
        if ($client.ContainsKey($setting)) {
            $parameters[$setting] = $client[$setting]
        }
    }

    $parameters
}

function Get-EmulatorTestClient {
    <# The emulator's test client id and secret for a provider (for assertions such as "the secret never shows"). #>
    param([Parameter(Mandatory, Position = 0)] [string] $Provider)

    $script:EmulatorClients[$Provider].Clone()
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

Export-ModuleMember -Function *-*
