<#
The PrivacyServices emulator's controls, for your Pester tests (docs/emulator.md, "Driving it from PowerShell").
Shipped inside the emulator tool: Import-Module (privacyservices-emulator --module-path)

    BeforeAll { $script:emulator = Start-PrivacyEmulator }          # its own process, a free loopback port
    AfterAll  { Stop-PrivacyEmulator $script:emulator }
    It 'reuses the token' {
        Reset-PrivacyEmulator $emulator
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Generic
        Connect-PrivacyService @connect
        Invoke-PrivacyServiceRequest -Uri echo; Invoke-PrivacyServiceRequest -Uri echo
        Get-PrivacyEmulatorCounter $emulator generic.token | Should -Be 1
    }
Works in Windows PowerShell 5.1 and PowerShell 7.
#>

Set-StrictMode -Version Latest

# The emulator beside this module (the tool's own folder), or the one in a repository build.
$script:EmulatorDll = Join-Path (Split-Path $PSScriptRoot -Parent) 'PrivacyServices.Emulator.dll'

function Start-PrivacyEmulator {
    <#
    .SYNOPSIS
        Starts the emulator in its own process on a free loopback port and waits until it listens.
    .DESCRIPTION
        Runs `dotnet <the emulator dll> --port 0 --ready-file <temp> --parent-pid <this process>`, so the emulator never
        outlives a test run that is killed. -Path names another emulator dll; -ArgumentList adds options (see
        `privacyservices-emulator --help`).
    .OUTPUTS
        An object with BaseUri (no trailing slash), FileHostUri and Process; pass it to the other functions and to
        Stop-PrivacyEmulator in AfterAll.
    #>
    [CmdletBinding()]
    param(
        [string] $Path = $script:EmulatorDll,
        [string[]] $ArgumentList = @(),
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(60),
        [string] $DotnetPath
    )

    if (-not (Test-Path -LiteralPath $Path)) {
        throw "The emulator '$Path' does not exist. Build it (dotnet build src/PrivacyServices.Emulator) or install the tool."
    }

    if (-not $DotnetPath) {
        # dotnet test and dotnet run set DOTNET_HOST_PATH for their children: the same dotnet then runs the emulator.
        $DotnetPath = if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) { $env:DOTNET_HOST_PATH }
                      else { (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source }
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('privacyservices-emulator-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    $readyFile = Join-Path $work 'ready.json'
    $stdout = Join-Path $work 'stdout.txt'
    $stderr = Join-Path $work 'stderr.txt'

    $arguments = @($Path, '--port', '0', '--ready-file', $readyFile, '--parent-pid', $PID) + $ArgumentList
    # Start-Process joins its arguments with spaces: quote them (temp and repository paths may hold spaces).
    $process = Start-Process -FilePath $DotnetPath -ArgumentList ($arguments | ForEach-Object { '"{0}"' -f $_ }) -PassThru -NoNewWindow `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr
    $emulator = [pscustomobject]@{
        PSTypeName  = 'PrivacyServices.Emulator'
        BaseUri     = $null
        FileHostUri = $null
        Process     = $process
        WorkPath    = $work
        ReadyFile   = $readyFile
        StdOut      = $stdout
        StdErr      = $stderr
    }

    $deadline = [DateTime]::UtcNow + $Timeout
    while (-not (Test-Path -LiteralPath $readyFile)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $why = if ($process.HasExited) { "exited with code $($process.ExitCode)" } else { "did not start within $Timeout" }
            $log = (Get-Content -LiteralPath $stdout, $stderr -Raw -ErrorAction Ignore) -join "`n"
            Stop-PrivacyEmulator $emulator
            throw "The emulator ($Path) $why.`n$log"
        }

        Start-Sleep -Milliseconds 100
    }

    $ready = Get-Content -LiteralPath $readyFile -Raw | ConvertFrom-Json
    $emulator.BaseUri = $ready.baseUri.TrimEnd('/')
    $emulator.FileHostUri = $ready.fileHostUri.TrimEnd('/')
    $emulator
}

function Stop-PrivacyEmulator {
    <# .SYNOPSIS Stops the emulator process and removes its temporary files. Safe to call twice or with $null. #>
    [CmdletBinding()]
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

function Invoke-PrivacyEmulatorControl {
    <#
    .SYNOPSIS
        Calls one of the emulator's controls under /_emulator/ (docs/emulator.md lists them):
        Invoke-PrivacyEmulatorControl $emulator lifetime -Query @{ key = 'generic'; seconds = 3 }.
    #>
    [CmdletBinding()]
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

function Get-PrivacyEmulatorCounter {
    <#
    .SYNOPSIS
        One request counter of the emulator (0 when nothing was counted), or all of them as a hashtable without -Name.
        Keys are like generic.token, generic.api, faults.status.429 (docs/emulator.md lists each vendor's).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Position = 1)] [string] $Name
    )

    $counters = @{}
    foreach ($property in (Invoke-PrivacyEmulatorControl $Emulator counters -Method Get).PSObject.Properties) {
        $counters[$property.Name] = [long] $property.Value
    }

    if (-not $Name) {
        return $counters
    }

    # @{} is case-insensitive, like the emulator's keys.
    if ($counters.ContainsKey($Name)) { $counters[$Name] } else { [long] 0 }
}

function Reset-PrivacyEmulator {
    <#
    .SYNOPSIS
        The one reset: counters, fault switches, token lifetimes and every vendor's state back to how the emulator started.
        Registered clients and certificates stay.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [object] $Emulator)

    $null = Invoke-PrivacyEmulatorControl $Emulator reset
}

function Set-PrivacyEmulatorTokenLifetime {
    <# .SYNOPSIS How long the emulator's tokens live for one key (docs/emulator.md lists them) until the next reset. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Key,
        [Parameter(Mandatory)] [double] $Seconds
    )

    $null = Invoke-PrivacyEmulatorControl $Emulator lifetime -Query @{ key = $Key; seconds = $Seconds }
}

function Register-PrivacyEmulatorClient {
    <# .SYNOPSIS Makes the emulator accept another client id and secret for a provider key (docs/emulator.md lists them). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Provider,
        [Parameter(Mandatory)] [string] $ClientId,
        [Parameter(Mandatory)] [string] $Secret
    )

    $null = Invoke-PrivacyEmulatorControl $Emulator clients -Query @{ provider = $Provider; clientId = $ClientId; secret = $Secret }
}

function Add-PrivacyEmulatorFault {
    <#
    .SYNOPSIS
        Adds a fault switch: the next -Count requests under -Path answer -Status (in the vendor's error format), drop the
        connection, stall, or send broken JSON.
    .EXAMPLE
        Add-PrivacyEmulatorFault $emulator -Path /generic/api/items -Method POST -Status 429 -Count 2 -RetryAfterSeconds 1
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [ValidateSet('Status', 'Drop', 'Slow', 'MalformedJson', 'RevokeToken')] [string] $Kind = 'Status',
        [int] $Status = 503,
        [int] $Count = 1,
        [string] $Method,
        [double] $RetryAfterSeconds = -1,
        [double] $DelaySeconds = -1,
        [int] $Skip = 0,
        [double] $Probability = 1
    )

    $query = @{ path = $Path; kind = $Kind; status = $Status; count = $Count; skip = $Skip; probability = $Probability }
    if ($Method) { $query.method = $Method }
    if ($RetryAfterSeconds -ge 0) { $query.retryAfterSeconds = $RetryAfterSeconds }
    if ($DelaySeconds -ge 0) { $query.delaySeconds = $DelaySeconds }
    $null = Invoke-PrivacyEmulatorControl $Emulator faults -Query $query
}

function Clear-PrivacyEmulatorFault {
    <# .SYNOPSIS Removes every fault switch. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [object] $Emulator)

    $null = Invoke-PrivacyEmulatorControl $Emulator faults -Method Delete
}

function Set-PrivacyEmulatorField {
    <#
    .SYNOPSIS
        Makes the emulator behave like vendors on a real network: -LatencyMs on every vendor request (-LatencyMaxMs for a
        range), -RequestsPerSecond per client (over it: 429 with Retry-After in the vendor's format; 0 turns it off).
    .OUTPUTS
        The settings now, with InFlight and PeakInFlight (the most requests at once since the last reset).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [double] $LatencyMs = -1,
        [double] $LatencyMaxMs = -1,
        [double] $RequestsPerSecond = -1
    )

    $query = @{}
    if ($LatencyMs -ge 0) { $query.latencyMs = $LatencyMs }
    if ($LatencyMaxMs -ge 0) { $query.latencyMaxMs = $LatencyMaxMs }
    if ($RequestsPerSecond -ge 0) { $query.requestsPerSecond = $RequestsPerSecond }
    Invoke-PrivacyEmulatorControl $Emulator field -Query $query
}

function Get-PrivacyEmulatorField {
    <# .SYNOPSIS The latency and rate limit in force, the requests in flight and their peak since the last reset. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [object] $Emulator)

    Invoke-PrivacyEmulatorControl $Emulator field -Method Get
}

function Set-PrivacyEmulatorJobProgress {
    <#
    .SYNOPSIS
        How emulated privacy jobs move on (submitted, processing, complete): every -ReadsPerStep reads of a job, by
        whichever route reads it; or by time, one step every -StepSeconds (0 goes back to reads). With -JobId and -Status,
        sets one job's status at once (error, for example).
    #>
    [CmdletBinding(DefaultParameterSetName = 'Mode')]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(ParameterSetName = 'Mode')] [int] $ReadsPerStep = 0,
        [Parameter(ParameterSetName = 'Mode')] [double] $StepSeconds = -1,
        [Parameter(Mandatory, ParameterSetName = 'Job')] [string] $JobId,
        [Parameter(Mandatory, ParameterSetName = 'Job')] [ValidateSet('submitted', 'processing', 'complete', 'error')] [string] $Status
    )

    if ($PSCmdlet.ParameterSetName -eq 'Job') {
        return Invoke-PrivacyEmulatorControl $Emulator "adobe/jobs/$([uri]::EscapeDataString($JobId))/status" -Query @{ value = $Status }
    }

    $query = @{}
    if ($ReadsPerStep -gt 0) { $query.pollsPerStep = $ReadsPerStep }
    if ($StepSeconds -ge 0) { $query.stepSeconds = $StepSeconds }
    Invoke-PrivacyEmulatorControl $Emulator adobe/options -Query $query
}

function Set-PrivacyEmulatorConsentFileCount {
    <# .SYNOPSIS How many consent files the emulated consent-file service lists, and how many per page, until the next reset. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [ValidateRange(0, 1000000)] [int] $Count,
        [ValidateRange(1, 100000)] [int] $PageSize = 100
    )

    Invoke-PrivacyEmulatorControl $Emulator liveramp/consent-files -Query @{ count = $Count; pageSize = $PageSize }
}

function Get-PrivacyEmulatorProvider {
    <#
    .SYNOPSIS
        The emulated providers with their URIs on this emulator and their test credentials (clientId, secret, settings
        the provider needs), from the emulator's own table (GET /_emulator/providers).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [string] $Provider
    )

    $all = Invoke-PrivacyEmulatorControl $Emulator providers -Method Get
    if (-not $Provider) {
        return $all
    }

    $found = @($all | Where-Object { $_.provider -eq $Provider })
    if ($found.Count -eq 0) {
        throw "The emulator has no provider '$Provider' (it has: $(($all | ForEach-Object provider) -join ', '))."
    }

    $found[0]
}

function Get-PrivacyEmulatorConnectParameter {
    <#
    .SYNOPSIS
        The Connect-PrivacyService parameters for one of the emulator's providers, as a hashtable to splat.
    .DESCRIPTION
        -Secret replaces the test secret (for example with a wrong one); any key can be changed on the result.
    .EXAMPLE
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Generic
        Connect-PrivacyService @connect -Name generic
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Provider,
        [string] $Secret
    )

    $entry = Get-PrivacyEmulatorProvider $Emulator -Provider $Provider
    $plain = if ($PSBoundParameters.ContainsKey('Secret')) { $Secret } else { $entry.secret }
    $parameters = @{
        Provider         = $entry.provider
        ClientCredential = [pscredential]::new($entry.clientId, (ConvertTo-SecureString -String $plain -AsPlainText -Force))
        TokenUri         = $entry.tokenUri
        ApiBaseUri       = $entry.apiBaseUri
    }
    foreach ($setting in $entry.settings.PSObject.Properties) {
        $parameters[$setting.Name] = $setting.Value
    }

    $parameters
}

Export-ModuleMember -Function *-*
