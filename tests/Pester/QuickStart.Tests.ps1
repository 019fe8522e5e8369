# samples/QuickStart.ps1 as a user runs it: a fresh pwsh process against the emulator, judged by the text it prints.
# The embedded quickstart (dotnet run --project samples/QuickStart) runs the same script in a hosted engine: both must show
# the same sections and tables.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Start-PrivacyEmulator

    # The section titles and table headers of a quickstart's output, in order: what the two ways of running it share.
    function Get-OutputOutline([string[]] $Lines) {
        for ($i = 0; $i -lt $Lines.Count; $i++) {
            $line = $Lines[$i].TrimEnd()
            $isTitle = $line -like '== * ==' -or $line -like 'Disconnected:*'
            $isTableHeader = $i + 1 -lt $Lines.Count -and $Lines[$i + 1] -match '^-+( +-+)*\s*$'
            if ($isTitle -or $isTableHeader) { $line -replace '\s+', ' ' }
        }
    }

    Reset-PrivacyEmulator $emulator
    $script:script = Join-Path (Get-RepositoryRoot) 'samples/QuickStart.ps1'
    $script:output = & (Get-PowerShellPath) -NoProfile -NonInteractive -File $script -EmulatorUri $emulator.BaseUri -ModulePath (Get-PrivacyServicesManifestPath) 2>&1
    $script:exitCode = $LASTEXITCODE
    $script:lines = @($output | ForEach-Object { "$_" })
    $script:text = $lines -join "`n"
    $script:counters = Get-PrivacyEmulatorCounter $emulator
}

AfterAll {
    Stop-PrivacyEmulator $script:emulator
}

Describe 'samples/QuickStart.ps1 in pwsh' {
    It 'ends with exit code 0 and writes no error' {
        $exitCode | Should -Be 0 -Because $text
        $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
    }

    It 'prints its sections in order' {
        $titles = @($lines | Where-Object { $_ -like '== * ==' -or $_ -like 'Disconnected:*' })

        $titles | Should -Be @(
            '== Session =='
            '== Token (its value stays a SecureString) =='
            '== Project =='
            '== Three more calls reuse the cached token =='
            'Disconnected: the session''s secret and token were cleared.'
        )
    }

    It 'shows the new session with one token and no API call yet' {
        $text | Should -Match '== Session ==\s+Name\s+Provider\s+IsDefault\s+TokenExpiresOn\s+TokenRequestCount\s+ApiCallCount\s+[- ]+\s+Telia\s+Telia\s+True\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+1\s+0\s'
    }

    It 'shows the token from the cache, without its value' {
        $text | Should -Match '== Token[^\n]*\s+SessionName\s+Provider\s+TokenType\s+ExpiresOn\s+Source\s+Scopes\s+[- ]+\s+Telia\s+Telia\s+bearer\s+\S+ \S+\s+Cache\s'
        $text | Should -Not -Match 'eyJ[\w-]+\.[\w-]+' -Because 'no JWT may be printed'
    }

    It 'shows the project' {
        $text | Should -Match '== Project ==\s+ProjectId\s+ServiceName\s+Subscriptions\s+Created\s+Updated\s+[- ]+\s+demo-project\s+Demo Streaming Service\s+2\s+2024-03-01\s+2025-06-15'
    }

    It 'shows that four API calls used the one token, as the emulator counted' {
        $text | Should -Match '== Three more calls[^\n]*\s+Name[^\n]*\s+[- ]+\s+Telia\s+Telia\s+True\s+\S+ \S+\s+1\s+4\s'
        $counters['telia.token'] | Should -Be 1
        $counters['telia.projectInfo'] | Should -Be 4
    }

    It 'never prints the secret' {
        $text | Should -Not -Match ([regex]::Escape((Get-PrivacyEmulatorProvider $emulator -Provider Telia).Secret))
    }

    It 'prints the same sections and tables as the embedded quickstart' {
        $embedded = Join-Path (Get-BuildOutputPath 'samples/QuickStart') 'QuickStart.dll'
        if (-not (Test-Path -LiteralPath $embedded)) {
            Set-ItResult -Skipped -Because "the embedded quickstart is not built ($embedded)"
            return
        }

        $embeddedLines = @(& (Get-DotnetPath) $embedded 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($embeddedLines -join "`n")

        $outline = @(Get-OutputOutline $lines)
        $outline | Should -HaveCount 9
        Get-OutputOutline $embeddedLines | Should -Be $outline
    }
}
