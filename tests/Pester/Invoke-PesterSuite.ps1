<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester/*.Tests.ps1) against the built module, writes an NUnit XML report and a JSON summary.
.DESCRIPTION
    dotnet test runs this through PesterSuiteTests (tests/PrivacyServices.PowerShell.Tests), which reads both files; run it
    directly for a quick loop once the module and the emulator are built ('dotnet build'):

        pwsh tests/Pester/Invoke-PesterSuite.ps1
        pwsh tests/Pester/Invoke-PesterSuite.ps1 -FullNameFilter '*Telia*'

    Exits 0 when every test passed, 1 otherwise.
#>
[CmdletBinding()]
param(
    # Test files or folders (default: this folder).
    [string[]] $Path = @($PSScriptRoot),

    # The NUnit XML report.
    [string] $ResultPath = (Join-Path $PSScriptRoot '../../TestResults/pester.xml'),

    # Counts and every failure, including those the NUnit report leaves out (a test file that does not load, a failing BeforeAll).
    [string] $SummaryPath = (Join-Path $PSScriptRoot '../../TestResults/pester-summary.json'),

    # Only the tests whose full name matches one of these wildcards.
    [string[]] $FullNameFilter,

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

# No Set-StrictMode or $ErrorActionPreference here: they would reach into the test scripts, which should run as users' scripts do.
if ($env:NO_COLOR) {
    $PSStyle.OutputRendering = 'PlainText'
}

$pester = Import-Module Pester -MinimumVersion 5.0 -PassThru -ErrorAction SilentlyContinue
if (-not $pester) {
    Write-Error "Pester 5 is not installed. Run 'pwsh ./build.ps1 -Task Test' once (it installs it), or Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser."
    exit 1
}

foreach ($file in $ResultPath, $SummaryPath) {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $file) -ErrorAction Stop
    Remove-Item -LiteralPath $file -ErrorAction Ignore
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Verbosity
if ($env:NO_COLOR) {
    $configuration.Output.RenderMode = 'Plaintext'
}
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
if ($FullNameFilter) {
    $configuration.Filter.FullName = $FullNameFilter
}

$result = Invoke-Pester -Configuration $configuration

function Get-FailureMessage([object] $ErrorRecords) {
    (@($ErrorRecords) | ForEach-Object { $_.Exception.Message }) -join "`n"
}

$summary = [ordered]@{
    pesterVersion    = $pester.Version.ToString()
    result           = $result.Result
    passed           = $result.PassedCount
    # Tests under a failing BeforeAll are counted here by Pester; a file that fails to load is one more failure.
    failed           = $result.FailedCount + $result.FailedContainersCount
    skipped          = $result.SkippedCount + $result.InconclusiveCount
    notRun           = $result.NotRunCount
    failedBlocks     = @($result.FailedBlocks | ForEach-Object { [ordered]@{ name = $_.ExpandedPath; message = Get-FailureMessage $_.ErrorRecord } })
    failedContainers = @($result.FailedContainers | ForEach-Object { [ordered]@{ name = "$($_.Item)"; message = Get-FailureMessage $_.ErrorRecord } })
}
$summary | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $SummaryPath -Encoding utf8

exit $(if ($result.Result -eq 'Passed') { 0 } else { 1 })
