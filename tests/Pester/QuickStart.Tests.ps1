# samples/QuickStart.ps1 as a user runs it: a fresh pwsh process against the emulator, judged by the text it prints and by
# what the emulator counted. The script tours the five vendors (Telia, Adobe, LiveRamp, MX, D&B), one named session each.
# The embedded quickstart (dotnet run --project samples/QuickStart) runs the same script in a hosted engine: both must show
# the same sections and tables.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Start-PrivacyEmulator

    # The vendors of the tour: session name, provider, the title of its section, its emulator counter prefix.
    $script:vendors = @(
        @{ Session = 'telia'; Provider = 'Telia'; Title = '== Telia: Get-ProjectInfo =='; Key = 'telia' }
        @{ Session = 'adobe'; Provider = 'Adobe'; Title = '== Adobe: New-PrivacyJob for one user, then Wait-PrivacyJob =='; Key = 'adobe' }
        @{ Session = 'liveramp'; Provider = 'LiveRamp'; Title = '== LiveRamp: Get-ConsentFile -First 3 =='; Key = 'liveramp' }
        @{ Session = 'mx'; Provider = 'MX'; Title = '== MX: Get-DataSharingConsent =='; Key = 'mx' }
        @{ Session = 'dnb'; Provider = 'DnB'; Title = '== D&B: Invoke-PrivacyServiceRequest (person search) =='; Key = 'dnb' }
    )

    function Test-Title([string] $Line) {
        $Line -like '== * ==' -or $Line -like 'Disconnected:*'
    }

    # The section titles, and each table's and list's first column or property, in order: what the two ways of running the
    # quickstart share whatever their width. pwsh writing to a pipe formats 80 columns wide, the embedded host 120, so a wide
    # table (Adobe's jobs, MX's consents) wraps or leaves out its last columns in one and not in the other.
    function Get-OutputOutline([string[]] $Lines) {
        $rule = '^-+( +-+)*\s*$'
        for ($i = 0; $i -lt $Lines.Count; $i++) {
            $line = $Lines[$i].TrimEnd()
            $afterBlank = $i -eq 0 -or -not $Lines[$i - 1].Trim()
            if (Test-Title $line) {
                $line
            }
            elseif ($afterBlank -and $line -match '^(\S+)\s+: ') {
                "list: $($Matches[1])"
            }
            elseif ($afterBlank -and $line -match '^(\S+)') {
                # A table's header: a block after a blank line whose second or third line (a wrapped header) is the rule.
                $first = $Matches[1]
                for ($j = $i + 1; $j -lt [Math]::Min($Lines.Count, $i + 3) -and $Lines[$j].Trim(); $j++) {
                    if ($Lines[$j] -match $rule) { "table: $first"; break }
                }
            }
        }
    }

    # The lines of one section: after its title, up to the next title.
    function Get-Section([string] $Title) {
        $start = [array]::IndexOf($script:lines, $Title)
        if ($start -lt 0) { return }
        for ($i = $start + 1; $i -lt $script:lines.Count -and -not (Test-Title $script:lines[$i]); $i++) {
            $script:lines[$i]
        }
    }

    # The rows of the session table (Get-PrivacyServiceSession) in a section.
    function Get-SessionRow([string] $Title) {
        foreach ($line in Get-Section $Title) {
            if ($line -match '^(?<Name>\S+)\s+(?<Provider>\S+)\s+(?<IsDefault>True|False)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+(?<Tokens>\d+)\s+(?<Calls>\d+)\s*$') {
                [pscustomobject]@{
                    Name              = $Matches.Name
                    Provider          = $Matches.Provider
                    IsDefault         = $Matches.IsDefault -eq 'True'
                    TokenRequestCount = [int] $Matches.Tokens
                    ApiCallCount      = [int] $Matches.Calls
                }
            }
        }
    }

    Reset-PrivacyEmulator $emulator
    $script:script = Join-Path (Get-RepositoryRoot) 'samples/QuickStart.ps1'
    $script:output = & (Get-PowerShellPath) -NoProfile -NonInteractive -File $script -EmulatorUri $emulator.BaseUri -ModulePath (Get-PrivacyServicesManifestPath) 2>&1
    $script:exitCode = $LASTEXITCODE
    $script:lines = @($output | ForEach-Object { "$_" })
    $script:text = $lines -join "`n"
    $script:counters = Get-PrivacyEmulatorCounter $emulator
    $script:firstSessions = @(Get-SessionRow '== Sessions: one token each, no API call yet ==')
    $script:lastSessions = @(Get-SessionRow '== Three more calls per session reuse the cached tokens ==')
}

AfterAll {
    Stop-PrivacyEmulator $script:emulator
}

Describe 'samples/QuickStart.ps1 in pwsh' {
    It 'ends with exit code 0 and writes no error' {
        $exitCode | Should -Be 0 -Because $text
        $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
    }

    It 'prints its sections in order, one per vendor, and ends disconnected' {
        $titles = @($lines | Where-Object { Test-Title $_ })

        $titles | Should -Be @(
            '== Sessions: one token each, no API call yet =='
            $vendors.Title
            '== Tokens (their values stay SecureStrings) =='
            '== Three more calls per session reuse the cached tokens =='
            'Disconnected: every session''s secret and token were cleared.'
        )
        ($lines | Where-Object { $_.Trim() } | Select-Object -Last 1) | Should -Be $titles[-1]
    }

    It 'connects one named session per vendor, each with one token and no API call yet' {
        $firstSessions | Should -HaveCount 5 -Because ($firstSessions | Out-String)
        foreach ($vendor in $vendors) {
            $row = $firstSessions | Where-Object Name -EQ $vendor.Session
            $row.Provider | Should -Be $vendor.Provider
            $row.TokenRequestCount | Should -Be 1
            $row.ApiCallCount | Should -Be 0
        }
        ($firstSessions | Where-Object IsDefault).Name | Should -Be 'dnb' -Because 'the last session connected is the default'
    }

    It 'shows the Telia project' {
        (Get-Section $vendors[0].Title) -join "`n" |
            Should -Match 'ProjectId\s+ServiceName\s+Subscriptions\s+Created\b[^\n]*\n[- ]+\n\s*demo-project\s+Demo Streaming Service\s+2\s+2024-03-01 10:00:00Z' -Because 'a pipe is 80 columns wide: Updated may not fit'
    }

    It 'shows the Adobe job complete' {
        (Get-Section $vendors[1].Title) -join "`n" |
            Should -Match 'JobId\s+UserKey\s+Action\s+Regulation\s+Status[^\n]*\n[^-]*[- ]+\n[0-9a-f-]{36}\s+jane\s+access\s+gdpr\s+complete\b'
    }

    It 'shows three LiveRamp consent files' {
        $section = @(Get-Section $vendors[2].Title)

        $section -join "`n" | Should -Match 'CreatedAt\s+RequestType\s+IdentifierType\s+Id'
        @($section | Where-Object { $_ -match '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+\S+\s+\S+\s+[0-9a-f]{8}-' }) | Should -HaveCount 3
    }

    It 'shows the MX customer''s consents' {
        $section = (Get-Section $vendors[3].Title) -join "`n"

        $section | Should -Match 'Id\s+ApplicationName\s+ConsentedOn\s+RevokedAt'
        $section | Should -Match 'cns-1001\s+Budget Buddy\s+2025-01-15 09:31:00Z'
        $section | Should -Match 'cns-1002\s+Tax Helper\s+2025-03-02 12:01:00Z'
    }

    It 'shows the D&B person search answer as objects' {
        $section = (Get-Section $vendors[4].Title) -join "`n"

        $section | Should -Match 'personId\s+: SE-19800101-1234'
        $section | Should -Match 'lastName\s+: Andersson'
    }

    It 'shows every session''s token from the cache, without its value' {
        $rows = @(Get-Section '== Tokens (their values stay SecureStrings) ==' | Where-Object { $_ -match '^\S+\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+Cache\b' })

        $rows | Should -HaveCount 5
        $rows | ForEach-Object { ($_ -split '\s+')[0] } | Sort-Object | Should -Be @('adobe', 'dnb', 'liveramp', 'mx', 'telia')
        $text | Should -Not -Match 'eyJ[\w-]+\.[\w-]+' -Because 'no JWT may be printed'
    }

    It 'made <Session>''s API calls on one token, as the session and the emulator counted' -ForEach @(
        @{ Session = 'telia'; Key = 'telia'; Calls = 4; Counter = 'telia.projectInfo' }
        @{ Session = 'liveramp'; Key = 'liveramp'; Calls = 4; Counter = 'liveramp.consentFiles.page' }
        @{ Session = 'mx'; Key = 'mx'; Calls = 4; Counter = 'mx.consent.list' }
        @{ Session = 'dnb'; Key = 'dnb'; Calls = 4; Counter = 'dnb.personSearch' }
    ) {
        $row = $lastSessions | Where-Object Name -EQ $Session

        $row.TokenRequestCount | Should -Be 1
        $row.ApiCallCount | Should -Be $Calls
        $counters["$Key.token"] | Should -Be 1
        $counters["$Key.api"] | Should -Be $Calls
        $counters[$Counter] | Should -Be $Calls
    }

    It 'made adobe''s API calls (one job posted, then read until complete and three more times) on one token' {
        $row = $lastSessions | Where-Object Name -EQ 'adobe'

        $row.TokenRequestCount | Should -Be 1
        $row.ApiCallCount | Should -BeGreaterOrEqual 5 -Because 'one POST, at least one read by Wait-PrivacyJob, three by Get-PrivacyJob'
        $counters['adobe.token'] | Should -Be 1
        $counters['adobe.jobs.post'] | Should -Be 1
        $counters['adobe.api'] | Should -Be $row.ApiCallCount
    }

    It 'lists the five sessions again at the end, each still on its first token' {
        $lastSessions | Should -HaveCount 5
        $lastSessions.TokenRequestCount | Should -Be @(1, 1, 1, 1, 1)
    }

    It 'never prints a secret' {
        foreach ($vendor in $vendors) {
            $secret = (Get-PrivacyEmulatorProvider $emulator -Provider $vendor.Provider).Secret
            $text | Should -Not -Match ([regex]::Escape($secret)) -Because "$($vendor.Provider)'s secret must stay secret"
        }
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
        $outline | Should -HaveCount 17 -Because ($outline -join "`n")
        Get-OutputOutline $embeddedLines | Should -Be $outline
    }
}
