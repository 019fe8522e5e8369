# build.ps1 -Task Package and the dotnet PackModule target on the module dotnet build left: the versioned module folder and
# the Azure Automation zip, the same files both ways; the unzipped module imports and connects in a fresh pwsh.
# build.ps1 -Task Install into a modules folder: the module imports by name from there.

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

    # The same package without pwsh: dotnet msbuild -t:PackModule (dotnet build -t:Package builds first).
    $script:dotnetPackageRoot = Join-Path $TestDrive 'dotnet-package'
    $project = Join-Path (Get-RepositoryRoot) 'src/PrivacyServices/PrivacyServices.csproj'
    $script:dotnetOutput = & (Get-DotnetPath) msbuild $project -t:PackModule -nologo -nodeReuse:false -verbosity:minimal "-p:ModulePackageDir=$dotnetPackageRoot" 2>&1
    $script:dotnetExitCode = $LASTEXITCODE

    function Get-ZipEntry([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries | Where-Object Name | ForEach-Object FullName | Sort-Object) } finally { $zip.Dispose() }
    }

    function Get-FolderHash([string] $Path) {
        Get-ChildItem -LiteralPath $Path -Recurse -File | Sort-Object FullName | ForEach-Object {
            '{0} {1}' -f [IO.Path]::GetRelativePath($Path, $_.FullName).Replace('\', '/'), (Get-FileHash -LiteralPath $_.FullName).Hash
        }
    }
}

AfterAll {
    Stop-PrivacyEmulator $script:emulator
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
        $entries | Should -Contain 'PrivacyServices/PrivacyServices.Loader.dll'
        $entries | Should -Contain 'PrivacyServices/Dependencies/Microsoft.Identity.Client.dll'
        $entries | Should -Contain 'PrivacyServices/Dependencies/PrivacyServices.EntraId.dll'
        $entries | Should -Not -Contain 'PrivacyServices/Microsoft.Identity.Client.dll'
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

Describe 'build.ps1 -Task Install -ModulePath (a modules folder)' {
    BeforeAll {
        # -NoBuild installs the module dotnet build left, as the Package test above packs it: a Release build here would replace
        # out/module under the rest of the suite. -OutputPath keeps the intermediate package out of out/.
        $script:modules = Join-Path $TestDrive 'modules'
        $script:installOutput = & $pwsh -NoProfile -NonInteractive -File (Join-Path (Get-RepositoryRoot) 'build.ps1') -Task Install `
            -NoBuild -ModulePath $modules -OutputPath (Join-Path $TestDrive 'install-package') 2>&1
        $script:installExitCode = $LASTEXITCODE
        $script:installed = Join-Path $modules "PrivacyServices/$version"
    }

    It 'succeeds and says where the module went' {
        $installExitCode | Should -Be 0 -Because ($installOutput -join "`n")
        ($installOutput -join "`n") | Should -Match ([regex]::Escape("Installed: $installed"))
    }

    It 'puts the module in PrivacyServices/{ModuleVersion}/ under that folder' {
        $manifest = Join-Path $installed 'PrivacyServices.psd1'

        Test-Path -LiteralPath $manifest | Should -BeTrue
        (Test-ModuleManifest -Path $manifest).Version.ToString() | Should -Be $version
        Test-Path -LiteralPath (Join-Path $installed 'PrivacyServices.dll') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $installed 'Dependencies/Microsoft.Identity.Client.dll') | Should -BeTrue
    }

    It 'imports by name in a fresh pwsh with the folder first in PSModulePath, with Connect-PrivacyService' {
        $result = & $pwsh -NoProfile -NonInteractive -Command {
            param($Modules)
            $ErrorActionPreference = 'Stop'
            $env:PSModulePath = $Modules + [IO.Path]::PathSeparator + $env:PSModulePath
            $module = Import-Module PrivacyServices -PassThru
            $module.ModuleBase
            $module.Version.ToString()
            (Get-Command Connect-PrivacyService).Source
        } -args $modules 2>&1

        $LASTEXITCODE | Should -Be 0 -Because ($result -join "`n")
        $result[0] | Should -Be $installed
        $result[1] | Should -Be $version
        $result[2] | Should -Be 'PrivacyServices'
    }
}

Describe 'dotnet msbuild -t:PackModule (the package without pwsh)' {
    It 'succeeds' {
        $dotnetExitCode | Should -Be 0 -Because ($dotnetOutput -join "`n")
    }

    It 'makes the same versioned module folder as build.ps1, file for file' {
        $fromDotnet = Get-FolderHash (Join-Path $dotnetPackageRoot "PrivacyServices/$version")
        $fromBuildScript = Get-FolderHash (Join-Path $packageRoot "PrivacyServices/$version")

        $fromDotnet | Should -Not -BeNullOrEmpty
        $fromDotnet | Should -Be $fromBuildScript
    }

    It 'makes a zip with the same entries as build.ps1''s' {
        $fromDotnet = Get-ZipEntry (Join-Path $dotnetPackageRoot 'PrivacyServices.zip')

        $fromDotnet | Should -Contain 'PrivacyServices/PrivacyServices.psd1'
        $fromDotnet | Should -Be (Get-ZipEntry $zipPath)
    }
}

Describe 'The unzipped package in a fresh pwsh' {
    BeforeAll {
        $script:emulator = Start-PrivacyEmulator
        $unzipped = Join-Path $TestDrive 'unzipped-connect'
        [System.IO.Compression.ZipFile]::ExtractToDirectory($zipPath, $unzipped)
        $script:unzippedModule = Join-Path $unzipped 'PrivacyServices'
        $generic = Get-PrivacyEmulatorProvider $emulator -Provider Generic

        $script:result = & $pwsh -NoProfile -NonInteractive -Command {
            param($Unzipped, $Root, $ClientId, $Secret)
            $ErrorActionPreference = 'Stop'
            $env:PSModulePath = $Unzipped
            $module = Import-Module PrivacyServices -PassThru
            $credential = [pscredential]::new($ClientId, (ConvertTo-SecureString $Secret -AsPlainText -Force))
            Connect-PrivacyService -Provider Generic -ClientCredential $credential -TokenUri "$Root/generic/token"
            $generic = Get-PrivacyToken
            $env:IDENTITY_ENDPOINT = "$Root/msi/token"
            $env:IDENTITY_HEADER = 'emulator-identity-header'
            Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope 'api://unzipped/.default'
            $entra = Get-PrivacyToken
            $msal = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Identity.Client' }
            [pscustomobject]@{
                ModuleBase   = $module.ModuleBase
                GenericToken = $generic.Token.Length
                EntraToken   = $entra.Token.Length
                EntraSource  = "$($entra.Source)"
                MsalLocation = $msal.Location
                MsalContext  = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($msal).Name
            }
        } -args $unzipped, $emulator.BaseUri, $generic.ClientId, $generic.Secret 2>&1
        $script:exitCode = $LASTEXITCODE
    }

    It 'imports by name and connects to a Generic API and to Entra ID with a managed identity' {
        $exitCode | Should -Be 0 -Because ($result -join "`n")
        $result.ModuleBase | Should -Be $unzippedModule
        $result.GenericToken | Should -BeGreaterThan 0
        $result.EntraToken | Should -BeGreaterThan 0
        $result.EntraSource | Should -Be 'Cache'
        Get-PrivacyEmulatorCounter $emulator 'generic.token' | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator 'msi.token.system' | Should -Be 1
    }

    It 'loads MSAL from the package''s Dependencies/ folder into the module''s own load context' {
        $result.MsalLocation | Should -Be (Join-Path $unzippedModule 'Dependencies/Microsoft.Identity.Client.dll')
        $result.MsalContext | Should -Be 'PrivacyServices'
    }
}

Describe 'dotnet test reports the Pester counts' {
    BeforeAll {
        $script:testProject = Join-Path (Get-RepositoryRoot) 'tests/PrivacyServices.PowerShell.Tests/PrivacyServices.PowerShell.Tests.csproj'
        $script:summary = Join-Path $TestDrive 'pester-summary.txt'
        Set-Content -LiteralPath $summary -Value '566 1 2'
        # The target that runs after VSTest, on its own: the run's start time is given, the summary file is this one.
        function Invoke-ReportTarget([long] $RunStarted) {
            & (Get-DotnetPath) msbuild $testProject -nologo -v:m -t:ReportPesterCounts "-p:_PesterSummary=$summary" "-p:_PesterRunStarted=$RunStarted" 2>&1 | ForEach-Object { "$_" }
        }
    }

    It 'prints the counts a run wrote' {
        $output = Invoke-ReportTarget 0
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output -join "`n" | Should -Match 'Pester suite \(tests/Pester\): 566 passed, 1 failed, 2 skipped'
    }

    It 'prints nothing from an earlier run (the suite was filtered out)' {
        $output = Invoke-ReportTarget ([datetime]::Now.AddDays(1).Ticks)
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output -join "`n" | Should -Not -Match 'Pester suite'
    }
}
