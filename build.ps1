<#
.SYNOPSIS
    Builds, tests and packages the PrivacyServices module (Linux, macOS, Windows; PowerShell 7).
.DESCRIPTION
    Build    dotnet build of PrivacyServices.PowerShell.sln; the importable module lands in out/module/PrivacyServices.
    Test     dotnet test: core tests, the hosted-engine tests and the Pester suite (tests/Pester) in this pwsh.
             Installs Pester 5 for the current user first if this pwsh has none.
    Package  Build, then copies the module (with its Dependencies/ folder: docs/coexistence.md) to
             out/PrivacyServices/<ModuleVersion>/ (a folder Import-Module and PSModulePath understand) and zips it to
             out/PrivacyServices.zip with a top-level PrivacyServices/ folder, the layout Azure Automation imports.
             Without pwsh: dotnet build src/PrivacyServices/PrivacyServices.csproj -c Release -t:Package (same files).
    Install  Package, then copies out/PrivacyServices/<ModuleVersion>/ into the current user's module folder
             (-ModulePath, default: the per-user entry of $env:PSModulePath), so Import-Module PrivacyServices works by name.
    Clean    Removes out/, TestResults/ and every project's bin/ and obj/.
    Help     docs/cmdlets/*.md and docs/about_PrivacyServices.md → en-US/ (MAML and about topic, committed; see
             docs/tools/Build-Help.ps1). Installs Microsoft.PowerShell.PlatyPS 1.0.3 for the current user first if missing.
    With NO_COLOR set, output is plain text.
.EXAMPLE
    pwsh ./build.ps1 -Task Test
.EXAMPLE
    pwsh ./build.ps1 -Task Clean,Package
#>
[CmdletBinding()]
param(
    # One or more of Build, Test, Package, Install, Clean, Help, run in the order given ("Clean,Package" also works with pwsh -File).
    [ArgumentCompletions('Build', 'Test', 'Package', 'Install', 'Clean', 'Help')]
    [string[]] $Task = @('Build'),

    # Debug or Release. Default: Release when packaging, else Debug.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration,

    # Package and Install: pack (and install) the module already in out/module instead of building it first.
    [switch] $NoBuild,

    # Package and Install: where out/PrivacyServices/<version>/ and PrivacyServices.zip go (default: out).
    [string] $OutputPath,

    # Install only: the modules folder to install into (default: the current user's, from $env:PSModulePath).
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if ($env:NO_COLOR) {
    $PSStyle.OutputRendering = 'PlainText'
}

$knownTasks = 'Build', 'Test', 'Package', 'Install', 'Clean', 'Help'
$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Task) {
    if ($name -notin $knownTasks) {
        Write-Error "Unknown task '$name'. -Task takes one or more of: $($knownTasks -join ', ')." -ErrorAction Continue
        exit 2
    }
}

$root = $PSScriptRoot
$solution = Join-Path $root 'PrivacyServices.PowerShell.sln'
$moduleFolder = Join-Path $root 'out/module/PrivacyServices'
if (-not $Configuration) {
    $Configuration = if ($Task -contains 'Package' -or $Task -contains 'Install') { 'Release' } else { 'Debug' }
}
if (-not $OutputPath) {
    $OutputPath = Join-Path $root 'out'
}

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)

    Write-Host "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed (exit code $LASTEXITCODE)."
    }
}

function Initialize-Pester {
    # The Pester suite runs in this pwsh (see below), so this pwsh must have Pester 5.
    if (Get-Module Pester -ListAvailable | Where-Object Version -GE ([version]'5.0')) {
        Import-Module Pester -MinimumVersion 5.0
        return
    }

    Write-Host 'Pester 5 is not installed: installing it for the current user.'
    Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser -Force -SkipPublisherCheck
    Import-Module Pester -MinimumVersion 5.0
}

function Invoke-BuildTask {
    Invoke-Dotnet build $solution --configuration $Configuration
    if (-not (Test-Path -LiteralPath (Join-Path $moduleFolder 'PrivacyServices.psd1'))) {
        throw "The build did not leave the module in $moduleFolder."
    }

    Write-Host "Module: $moduleFolder"
}

function Invoke-TestTask {
    Initialize-Pester
    # dotnet test runs the Pester suite (PesterSuiteTests) with this very pwsh, and fails if it cannot.
    $env:PRIVACYSERVICES_PWSH = [Environment]::ProcessPath
    $env:PRIVACYSERVICES_REQUIRE_PWSH = '1'
    Invoke-Dotnet test $solution --configuration $Configuration
}

function Invoke-PackageTask {
    if (-not $NoBuild) {
        Invoke-BuildTask
    }

    $manifestPath = Join-Path $moduleFolder 'PrivacyServices.psd1'
    if (-not (Test-Path -LiteralPath $manifestPath)) {
        throw "There is no built module in $moduleFolder. Run the Build task first."
    }

    $version = (Import-PowerShellDataFile -LiteralPath $manifestPath).ModuleVersion
    $versionFolder = Join-Path $OutputPath "PrivacyServices/$version"
    if (Test-Path -LiteralPath $versionFolder) {
        Remove-Item -LiteralPath $versionFolder -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $versionFolder -Force
    Copy-Item -Path (Join-Path $moduleFolder '*') -Destination $versionFolder -Recurse
    $null = Test-ModuleManifest -Path (Join-Path $versionFolder 'PrivacyServices.psd1')

    $zipPath = Join-Path $OutputPath 'PrivacyServices.zip'
    New-ModuleZip -Source $versionFolder -ZipPath $zipPath -TopFolder 'PrivacyServices'
    Write-Host "Module folder: $versionFolder"
    Write-Host "Azure Automation zip: $zipPath"
}

function Invoke-InstallTask {
    if (-not $NoBuild) {
        Write-Host 'Install: building the module in Release first (dotnet build, about a minute on a first build)...'
    }
    Invoke-PackageTask
    if (-not $ModulePath) {
        $userHome = [Environment]::GetFolderPath('UserProfile')
        $ModulePath = @($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and $_.StartsWith($userHome) })[0]
        if (-not $ModulePath) {
            throw 'No per-user folder in $env:PSModulePath: give one with -ModulePath.'
        }
    }

    $version = (Import-PowerShellDataFile -LiteralPath (Join-Path $moduleFolder 'PrivacyServices.psd1')).ModuleVersion
    $target = Join-Path $ModulePath "PrivacyServices/$version"
    if (Test-Path -LiteralPath $target) {
        Remove-Item -LiteralPath $target -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $target -Force
    Copy-Item -Path (Join-Path $OutputPath "PrivacyServices/$version/*") -Destination $target -Recurse
    Write-Host "Installed: $target (Import-Module PrivacyServices)"
}

function New-ModuleZip {
    # Compress-Archive is not in every pwsh; System.IO.Compression is. Entry names use '/', whatever the platform.
    param([string] $Source, [string] $ZipPath, [string] $TopFolder)

    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    if (Test-Path -LiteralPath $ZipPath) {
        Remove-Item -LiteralPath $ZipPath -Force
    }

    $sourceRoot = (Resolve-Path -LiteralPath $Source).Path
    $zip = [System.IO.Compression.ZipFile]::Open($ZipPath, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($file in Get-ChildItem -LiteralPath $sourceRoot -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($sourceRoot, $file.FullName).Replace('\', '/')
            $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile(
                $zip, $file.FullName, "$TopFolder/$relative", [System.IO.Compression.CompressionLevel]::Optimal)
        }
    }
    finally {
        $zip.Dispose()
    }
}

function Invoke-HelpTask {
    # Regenerates the committed help (en-US/) from the pages in docs/; dotnet build copies en-US/ into the module.
    # tests/Pester/Help.Tests.ps1 fails when the committed files differ from what this produces.
    if (-not (Get-Module Microsoft.PowerShell.PlatyPS -ListAvailable | Where-Object Version -EQ ([version]'1.0.3'))) {
        Write-Host 'Microsoft.PowerShell.PlatyPS 1.0.3 is not installed: installing it for the current user.'
        Install-Module Microsoft.PowerShell.PlatyPS -RequiredVersion 1.0.3 -Scope CurrentUser -Force
    }

    & (Join-Path $root 'docs/tools/Build-Help.ps1') -OutputPath (Join-Path $root 'en-US') | ForEach-Object { Write-Host "Help: $($_.FullName)" }
}

function Invoke-CleanTask {
    $targets = @(
        Join-Path $root 'out'
        Join-Path $root 'TestResults'
        foreach ($folder in 'src', 'tests', 'samples') {
            $path = Join-Path $root $folder
            if (Test-Path -LiteralPath $path) {
                Get-ChildItem -LiteralPath $path -Directory -Recurse -Include 'bin', 'obj' | ForEach-Object FullName
            }
        }
    )
    foreach ($target in $targets) {
        # A bin/ inside an obj/ (or the reverse) went with its parent.
        if (Test-Path -LiteralPath $target) {
            Write-Host "Removing $target"
            Remove-Item -LiteralPath $target -Recurse -Force
        }
    }
}

try {
    foreach ($step in $Task) {
        Write-Host "== $step =="
        & "Invoke-${step}Task"
    }
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 1
}
