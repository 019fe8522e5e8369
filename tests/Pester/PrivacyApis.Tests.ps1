# The privacy API cmdlets the way admins and runbooks use them in pwsh: CSV files into New-PrivacyJob, jobs followed to the
# end, consent files listed, formatted and saved, MX consents revoked, and tab completion at the prompt.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-PrivacyServicesModule
    $script:emulator = Start-PrivacyEmulator
}

AfterAll {
    if (Get-Module PrivacyServices) { Disconnect-AllPrivacyServiceSessions }
    Stop-PrivacyEmulator $script:emulator
}

Describe 'Adobe privacy jobs' {
    BeforeAll {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Adobe
        Connect-PrivacyService @connect
    }

    BeforeEach { Invoke-PrivacyEmulatorControl $emulator 'reset' -Method Post | Out-Null }

    It 'turns a CSV of users into one job per user and action, merging rows with the same Key' {
        $csv = Join-Path $TestDrive 'users.csv'
        @(
            'Key,Namespace,Value,Type'
            'jane,email,jane@example.com,standard'
            'jane,ECID,12345678901234567890123456789012345678,standard'
            'omar,email,omar@example.com,standard'
            'li,email,li@example.com,'
        ) | Set-Content -Path $csv

        $jobs = Import-Csv $csv | New-PrivacyJob -Regulation gdpr -Action access, delete -Product Analytics

        $jobs | Should -HaveCount 6
        $jobs[0] | Should -BeOfType ([PrivacyServices.Models.PrivacyJob])
        ($jobs.UserKey | Sort-Object -Unique) | Should -Be @('jane', 'li', 'omar')
        Get-PrivacyEmulatorCounter $emulator 'adobe.jobs.post' | Should -Be 1
    }

    It 'streams a CSV sorted with Sort-Object Key with -SortedByKey, merging each user''s rows' {
        $csv = Join-Path $TestDrive 'unsorted.csv'
        @(
            'Key,Namespace,Value'
            'omar,email,omar@example.com'
            'Jane,email,jane@example.com'
            'li,email,li@example.com'
            'Jane,ECID,12345678901234567890123456789012345678'
        ) | Set-Content -Path $csv

        $jobs = Import-Csv $csv | Sort-Object Key | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SortedByKey -ErrorVariable failed

        $failed | Should -HaveCount 0
        ($jobs.UserKey | Sort-Object) | Should -Be @('Jane', 'li', 'omar')
        Get-PrivacyEmulatorCounter $emulator 'adobe.jobs.post' | Should -Be 1
    }

    It 'refuses, naming it, a row that breaks the order -SortedByKey promises' {
        $rows = 'user9', 'user10' | ForEach-Object { [pscustomobject]@{ Key = $_; Namespace = 'email'; Value = "$_@example.com" } }

        $jobs = $rows | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -SortedByKey -ErrorVariable failed -ErrorAction SilentlyContinue

        $jobs.UserKey | Should -Be 'user9'
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.Adobe.KeyNotSorted*'
        "$($failed[0])" | Should -Match "'user10' came after user 'user9'"
    }

    It 'sends nothing with -WhatIf' {
        [pscustomobject]@{ Key = 'x'; Namespace = 'email'; Value = 'x@example.com' } |
            New-PrivacyJob -Regulation ccpa -Action delete -Product Analytics -WhatIf

        Get-PrivacyEmulatorCounter $emulator 'adobe.jobs.post' | Should -Be 0
    }

    It 'follows a job to complete with Wait-PrivacyJob' {
        $done = New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Key ann -Namespace email -Value ann@example.com |
            Wait-PrivacyJob -PollInterval 0.05 -Timeout 30

        $done.Status | Should -Be 'complete'
        $done.DownloadUrl | Should -Not -BeNullOrEmpty
    }

    It 'lists jobs as a table with the columns an admin scans' {
        $null = New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Key bo -Namespace email -Value bo@example.com

        $text = Get-PrivacyJob -Regulation gdpr | Format-Table | Out-String -Width 160

        $text | Should -Match 'JobId\s+UserKey\s+Action\s+Regulation\s+Status'
        $text | Should -Match 'bo\s+access\s+gdpr\s+submitted'
    }

    It 'refuses a user with more than 9 IDs before anything is sent, naming the user' {
        $rows = 1..10 | ForEach-Object { [pscustomobject]@{ Key = 'many'; Namespace = 'email'; Value = "m$_@example.com" } }

        $rows | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($failed[0])" | Should -Match 'many'
        Get-PrivacyEmulatorCounter $emulator 'adobe.jobs.post' | Should -Be 0
    }
}

Describe 'LiveRamp consent files' {
    BeforeAll {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider LiveRamp
        $connect.Credential = $connect.ClientCredential
        $connect.Remove('ClientCredential')
        Connect-PrivacyService @connect
    }

    BeforeEach { Invoke-PrivacyEmulatorControl $emulator 'reset' -Method Post | Out-Null }

    It 'shows consent files as a table by creation time, request type, identifier type and id' {
        $text = Get-ConsentFile -First 5 | Format-Table | Out-String -Width 160

        $text | Should -Match 'CreatedAt\s+RequestType\s+IdentifierType\s+Id'
        ($text -split "`n" | Where-Object { $_ -match '[0-9a-f]{8}-[0-9a-f]{4}-' }) | Should -HaveCount 5
    }

    It 'saves piped files without sending the bearer token to the file host, and skips them the second time' {
        $saved = Get-ConsentFile -First 3 | Save-ConsentFile -Path $TestDrive
        $again = Get-ConsentFile -First 3 | Save-ConsentFile -Path $TestDrive

        $saved | Should -HaveCount 3
        $saved[0] | Should -BeOfType ([System.IO.FileInfo])
        $again | Should -BeNullOrEmpty
        Get-PrivacyEmulatorCounter $emulator 'files.download' | Should -Be 3
        Get-PrivacyEmulatorCounter $emulator 'files.withAuthorization' | Should -Be 0
    }

    It 'filters by request type and stops paging once -First is satisfied' {
        $deletes = Get-ConsentFile -RequestType DELETE -First 2

        $deletes | Should -HaveCount 2
        $deletes.RequestType | Should -Be @('DELETE', 'DELETE')
        Get-PrivacyEmulatorCounter $emulator 'liveramp.consentFiles.page' | Should -Be 1
    }
}

Describe 'Invoke-PrivacyServiceRequest against MX' {
    It 'revokes a consent and returns it as objects' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider MX
        $connect.Remove('TokenUri')
        Connect-PrivacyService @connect

        $answer = Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/disable_app_sharing'

        $answer.consent.revoked_at | Should -Not -BeNullOrEmpty
        $answer.consent.accounts.enabled | Should -Not -Contain $true
    }
}

Describe 'Tab completion at the prompt' {
    It 'completes <Parameter> of <Command>' -ForEach @(
        @{ Command = 'New-PrivacyJob'; Parameter = 'Regulation'; Typed = 'cc'; Expected = 'ccpa' }
        @{ Command = 'New-PrivacyJob'; Parameter = 'Product'; Typed = 'aep'; Expected = 'aepDataLake' }
        @{ Command = 'Get-ConsentFile'; Parameter = 'IdentifierType'; Typed = 'RAMP'; Expected = 'RAMPID' }
        @{ Command = 'Connect-PrivacyService'; Parameter = 'Provider'; Typed = 'Ent'; Expected = 'EntraId' }
        @{ Command = 'New-PrivacyJob'; Parameter = 'Product'; Typed = 'AUD'; Expected = 'audienceManager' }
        @{ Command = 'New-PrivacyJob'; Parameter = 'Type'; Typed = 'int'; Expected = 'integrationCode' }
        @{ Command = 'New-PrivacyJob'; Parameter = 'Namespace'; Typed = 'ec'; Expected = 'ECID' }
        @{ Command = 'Submit-PrivacyOptOut'; Parameter = 'Namespace'; Typed = 'em'; Expected = 'Email' }
        @{ Command = 'Wait-PrivacyJob'; Parameter = 'Regulation'; Typed = 'lgpd'; Expected = 'lgpd_bra' }
    ) {
        $line = "$Command -$Parameter $Typed"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $completions | Should -Contain $Expected
        $completions -ccontains $Expected | Should -BeTrue -Because 'values complete in the casing the API documents, whatever was typed'
    }
}

Describe 'No file names where a value is typed in' {
    BeforeAll {
        Disconnect-AllPrivacyServiceSessions
        # Parameters that take a path keep PowerShell's file-name completion.
        $pathParameters = 'Path', 'OutFile', 'StatePath', 'CredentialFile', 'CertificatePath'
        $script:cases = foreach ($command in Get-Command -Module PrivacyServices) {
            foreach ($parameter in $command.Parameters.Values) {
                if ($parameter.Name -in [System.Management.Automation.Cmdlet]::CommonParameters -or $parameter.Name -in [System.Management.Automation.Cmdlet]::OptionalCommonParameters) { continue }
                $type = $parameter.ParameterType
                $typedIn = $type -in [string], [string[]], [uri] -or $parameter.Name -eq 'Session'
                if ($typedIn -and $parameter.Name -notin $pathParameters) { @{ Command = $command.Name; Parameter = $parameter.Name } }
            }
        }
        Push-Location $TestDrive
        New-Item -ItemType File -Path (Join-Path $TestDrive 'someone.txt') | Out-Null
    }

    AfterAll { Pop-Location }

    It 'covers every typed-in parameter' {
        $cases.Count | Should -BeGreaterThan 30
        ($cases | Where-Object { $_.Command -eq 'New-PrivacyJob' }).Parameter | Should -Contain 'Key'
    }

    It 'offers no file name for any of them, typed or not' {
        $offending = foreach ($case in $cases) {
            foreach ($typed in '', 'so') {
                $line = "$($case.Command) -$($case.Parameter) $typed"
                $texts = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
                if ($texts | Where-Object { $_ -like '*someone.txt*' }) { "$line -> $($texts -join ', ')" }
            }
        }
        $offending | Should -BeNullOrEmpty
    }

    It 'still completes file names for -Path' {
        $line = 'Save-ConsentFile -Path so'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Match 'someone\.txt'
    }
}
