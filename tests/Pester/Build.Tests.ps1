# build.ps1 -Task Package on the module dotnet build left: the versioned module folder and the Azure Automation zip.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    # build.ps1 packs out/module/PrivacyServices, whatever PRIVACYSERVICES_MODULE_PATH says.
    $script:builtManifest = Import-PowerShellDataFile -LiteralPath (Join-Path (Get-RepositoryRoot) 'out/module/PrivacyServices/PrivacyServices.psd1')
    $script:version = $builtManifest.ModuleVersion
    $script:pwsh = Get-PowerShellPath
    $script:packageRoot = Join-Path $TestDrive 'package'

    $script:buildOutput = & $pwsh -NoProfile -NonInteractive -File (Join-Path (Get-RepositoryRoot) 'build.ps1') -Task Package -NoBuild -OutputPath $packageRoot 2>&1
    $script:buildExitCode = $LASTEXITCODE
    $script:zipPath = Join-Path $packageRoot 'PrivacyServices.zip'
}

Describe 'build.ps1 -Task Package' {
    It 'succeeds' {
        $buildExitCode | Should -Be 0 -Because ($buildOutput -join "`n")
    }

    It 'leaves the module in a folder named after its version' {
        $manifest = Join-Path $packageRoot "PrivacyServices/$version/PrivacyServices.psd1"

        (Test-ModuleManifest -Path $manifest).Version.ToString() | Should -Be $version
    }

    It 'zips it with PrivacyServices/ at the top and the manifest at its root (Azure Automation''s layout)' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($zipPath)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }

        $entries | Should -Contain 'PrivacyServices/PrivacyServices.psd1'
        $entries | Should -Contain 'PrivacyServices/PrivacyServices.dll'
        $entries | Should -Contain 'PrivacyServices/PrivacyServices.format.ps1xml'
        $entries | Where-Object { $_ -notlike 'PrivacyServices/*' } | Should -BeNullOrEmpty
        $entries | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' -or $_ -like '*\*' } | Should -BeNullOrEmpty
    }

    It 'imports by name from the versioned folder and from the unzipped module, in a fresh pwsh' {
        $unzipped = Join-Path $TestDrive 'unzipped'
        [System.IO.Compression.ZipFile]::ExtractToDirectory($zipPath, $unzipped)

        $versions = & $pwsh -NoProfile -NonInteractive -Command {
            param($PackageRoot, $Unzipped, $Version)
            $env:PSModulePath = $PackageRoot
            (Import-Module PrivacyServices -RequiredVersion $Version -PassThru -ErrorAction Stop).Version.ToString()
            Remove-Module PrivacyServices
            $env:PSModulePath = $Unzipped
            $module = Import-Module PrivacyServices -PassThru -ErrorAction Stop
            $module.Version.ToString()
            @(Get-Command -Module PrivacyServices).Count
        } -args $packageRoot, $unzipped, $version 2>&1

        $LASTEXITCODE | Should -Be 0 -Because ($versions -join "`n")
        $versions[0] | Should -Be $version
        $versions[1] | Should -Be $version
        $versions[2] | Should -Be @($builtManifest.CmdletsToExport).Count
    }
}
