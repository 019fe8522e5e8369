# The built module (out/module/PrivacyServices) as a user first meets it: a fresh pwsh process imports it and checks the manifest.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Get-PrivacyServicesManifestPath
    $script:manifestData = Import-PowerShellDataFile -LiteralPath $manifestPath

    # A script block given to pwsh runs in the new process; its output comes back as (deserialized) objects.
    $script:fresh = & (Get-PowerShellPath) -NoProfile -NonInteractive -Command {
        param($ManifestPath)
        $manifest = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        $module = Import-Module $ManifestPath -PassThru -ErrorAction Stop
        [pscustomobject]@{
            ManifestName    = $manifest.Name
            ManifestVersion = $manifest.Version.ToString()
            ModuleVersion   = $module.Version.ToString()
            ModuleBase      = $module.ModuleBase
            Commands        = @(Get-Command -Module PrivacyServices | ForEach-Object Name)
            CommandTypes    = @(Get-Command -Module PrivacyServices | ForEach-Object { "$($_.CommandType)" } | Sort-Object -Unique)
            FormattedTypes  = @('PrivacyServices.Sessions.PrivacyServiceSession', 'PrivacyServices.Models.PrivacyToken', 'PrivacyServices.Models.ProjectInfo' |
                                  Where-Object { Get-FormatData -TypeName $_ })
        }
    } -args $manifestPath 2>&1
    $script:exitCode = $LASTEXITCODE
    $script:report = $fresh | Where-Object { $_.PSObject.Properties['ManifestName'] }
    $script:errors = $fresh | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
}

Describe 'The built module in a fresh pwsh' {
    It 'passes Test-ModuleManifest and imports without errors' {
        $errors | Should -BeNullOrEmpty
        $exitCode | Should -Be 0
        $report.ManifestName | Should -Be 'PrivacyServices'
        $report.ModuleBase | Should -Be (Split-Path -Parent $manifestPath)
    }

    It 'has the version of its manifest' {
        $report.ManifestVersion | Should -Be $manifestData.ModuleVersion
        $report.ModuleVersion | Should -Be $manifestData.ModuleVersion
    }

    It 'exports exactly the manifest''s CmdletsToExport, all of them cmdlets' {
        $report.Commands | Sort-Object | Should -Be ($manifestData.CmdletsToExport | Sort-Object)
        $report.CommandTypes | Should -Be 'Cmdlet'
    }

    It 'loads the table views of its output types' {
        $report.FormattedTypes | Should -HaveCount 3
    }

    It 'is the same manifest as the repository''s PrivacyServices.psd1' {
        $source = Join-Path (Get-RepositoryRoot) 'PrivacyServices.psd1'
        (Get-FileHash -LiteralPath $manifestPath).Hash | Should -Be (Get-FileHash -LiteralPath $source).Hash -Because 'dotnet build copies it; rebuild after editing it'
    }
}

Describe 'The manifest, as the PowerShell Gallery reads it' {
    BeforeAll {
        $script:gallery = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core)' {
        $gallery.PowerShellVersion | Should -Be ([version]'5.1')
        $gallery.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $gallery.Tags | Should -Contain 'PSEdition_Core'
        $gallery.Tags | Should -Contain 'PSEdition_Desktop'
    }

    It 'exports its cmdlets by name, with no wildcards, and nothing else' {
        $manifestData.CmdletsToExport | Should -Not -BeNullOrEmpty
        $manifestData.CmdletsToExport | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty
        foreach ($key in 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            @($manifestData[$key]).Count | Should -Be 0 -Because "$key is explicit and empty"
        }
    }

    It 'loads nothing before the root module (no NestedModules, RequiredAssemblies)' {
        $manifestData.Keys | Should -Not -Contain 'NestedModules'
        $manifestData.Keys | Should -Not -Contain 'RequiredAssemblies'
        $gallery.RequiredAssemblies | Should -BeNullOrEmpty
        $gallery.NestedModules | Should -BeNullOrEmpty
    }

    It 'has a project, a licence that exists in the repository, tags, release notes and formats' {
        "$($gallery.ProjectUri)" | Should -Match '^https://'
        "$($gallery.LicenseUri)" | Should -Match '^https://.*/LICENSE$'
        Join-Path (Get-RepositoryRoot) 'LICENSE' | Should -Exist
        Get-Content -LiteralPath (Join-Path (Get-RepositoryRoot) 'LICENSE') -TotalCount 1 | Should -Be 'MIT License'
        $gallery.ReleaseNotes | Should -Match "^$([regex]::Escape($gallery.Version.ToString()))"
        $gallery.Tags | Where-Object { $_ -match '\s' } | Should -BeNullOrEmpty -Because 'Gallery tags have no spaces'
        $manifestData.FormatsToProcess | Should -Be 'PrivacyServices.format.ps1xml'
    }

    It 'has the version the assemblies are built with (Directory.Build.props)' {
        $props = [xml](Get-Content -Raw -LiteralPath (Join-Path (Get-RepositoryRoot) 'Directory.Build.props'))
        $gallery.Version.ToString() | Should -Be $props.Project.PropertyGroup.Version
        (Get-Item -LiteralPath (Join-Path (Split-Path -Parent $manifestPath) 'PrivacyServices.dll')).VersionInfo.FileVersion | Should -BeLike "$($gallery.Version)*"
    }
}
