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
