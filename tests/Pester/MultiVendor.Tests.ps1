# A multi-vendor admin script end to end against the emulator: two vendors connected, pipelines that follow the session
# of the objects they carry, Select-PrivacyServiceSession, CSV and JSON round trips, CSV input with the columns people have.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-PrivacyServicesModule
    $script:emulator = Start-PrivacyEmulator
}

AfterAll {
    if (Get-Module PrivacyServices) { Disconnect-AllPrivacyServiceSessions }
    Stop-PrivacyEmulator $script:emulator
}

Describe 'A script that talks to Adobe and Telia' {
    BeforeAll {
        Disconnect-AllPrivacyServiceSessions
        $adobe = Get-PrivacyEmulatorConnectParameter $emulator -Provider Adobe
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        $script:adobeSession = Connect-PrivacyService @adobe -Name adobe -PassThru
        $script:teliaSession = Connect-PrivacyService @telia -Name telia -PassThru   # the last connected: the default
    }

    AfterAll { Disconnect-AllPrivacyServiceSessions }

    BeforeEach { Invoke-PrivacyEmulatorControl $emulator 'reset' -Method Post | Out-Null }

    It 'marks the default session and filters by provider' {
        $sessions = Get-PrivacyServiceSession
        ($sessions | Where-Object IsDefault).Name | Should -Be 'telia'
        ($sessions | Where-Object Name -EQ 'adobe').IsDefault | Should -BeFalse
        @(Get-PrivacyServiceSession -Provider Adobe).Name | Should -Be @('adobe')
    }

    It 'runs an Adobe cmdlet on the only Adobe session although the default is Telia' {
        $job = [pscustomobject]@{ Key = 'jane'; Namespace = 'email'; Value = 'jane@example.com' } |
            New-PrivacyJob -Regulation gdpr -Action access -Product Analytics

        $job.SessionName | Should -Be 'adobe'
        $adobeSession.ApiCallCount | Should -BeGreaterThan 0
    }

    It 'follows the session a piped job carries into Get-PrivacyJob' {
        $job = [pscustomobject]@{ Key = 'omar'; Namespace = 'email'; Value = 'omar@example.com' } |
            New-PrivacyJob -Session adobe -Regulation gdpr -Action delete -Product Analytics
        $before = $adobeSession.ApiCallCount

        $again = $job | Get-PrivacyJob

        $again.JobId | Should -Be $job.JobId
        $again.SessionName | Should -Be 'adobe'
        $adobeSession.ApiCallCount | Should -Be ($before + 1)
    }

    It 'keeps the session through New-PrivacyJob | Wait-PrivacyJob while the default is Telia' {
        $done = [pscustomobject]@{ Key = 'w'; Namespace = 'email'; Value = 'w@example.com' } |
            New-PrivacyJob -Session adobe -Regulation gdpr -Action access -Product Analytics |
            Wait-PrivacyJob -PollInterval 0.05 -Timeout 30

        $done.Status | Should -Be 'complete'
        $done.SessionName | Should -Be 'adobe'
    }

    It 'accepts a session name for -Session and refuses an unknown one, listing the sessions' {
        (Get-ProjectInfo -Session telia).SessionName | Should -Be 'telia'
        { Get-ProjectInfo -Session nosuch -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'nosuch'*adobe, telia*"
    }

    It 'refuses a session of the wrong vendor, naming the vendor''s sessions' {
        { Get-ProjectInfo -Session adobe -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Telia API*adobe*is for Adobe*'
    }

    It 'lists the candidates when a vendor has several sessions and none is the default' {
        $adobe = Get-PrivacyEmulatorConnectParameter $emulator -Provider Adobe
        Connect-PrivacyService @adobe -Name adobe2
        try {
            Select-PrivacyServiceSession -Name telia
            $err = { [pscustomobject]@{ JobId = 'x' } | Get-PrivacyJob -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.Session.WrongProvider*'
            $err.Exception.Message | Should -BeLike '*2 Adobe sessions (adobe, adobe2)*Select-PrivacyServiceSession*'

            Select-PrivacyServiceSession -Name adobe2
            (Get-PrivacyServiceSession -Default).Name | Should -Be 'adobe2'
        }
        finally {
            Get-PrivacyServiceSession -Name adobe2 | Disconnect-PrivacyService
            Select-PrivacyServiceSession -Name telia
        }
    }

    It 'says to connect when no session of the vendor exists' {
        $err = { Get-ConsentFile -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.Session.WrongProvider*'
        $err.Exception.Message | Should -BeLike '*no LiveRamp session*Connect-PrivacyService -Provider LiveRamp*'
    }

    It 'makes a piped session the default with Select-PrivacyServiceSession' {
        Get-PrivacyServiceSession -Name adobe | Select-PrivacyServiceSession
        (Get-PrivacyServiceSession | Where-Object IsDefault).Name | Should -Be 'adobe'
        Select-PrivacyServiceSession -Name telia -PassThru | ForEach-Object Name | Should -Be 'telia'
        { Select-PrivacyServiceSession -Name nosuch -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'nosuch'*adobe, telia*"
    }

    It 'takes CSV rows with Email, UserKey and IdNamespace columns' {
        $csv = Join-Path $TestDrive 'people.csv'
        @('UserKey,IdNamespace,Email', 'ana,email,ana@example.com', 'bo,email,bo@example.com') | Set-Content $csv

        $jobs = @(Import-Csv $csv | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics)

        $jobs.UserKey | Sort-Object | Should -Be @('ana', 'bo')
        $jobs.SessionName | Select-Object -Unique | Should -Be 'adobe'
    }

    It 'exports jobs to CSV and JSON and reads them back into Get-PrivacyJob on the same session' {
        $jobs = @(
            [pscustomobject]@{ Key = 'k1'; Namespace = 'email'; Value = 'k1@example.com' }
            [pscustomobject]@{ Key = 'k2'; Namespace = 'email'; Value = 'k2@example.com' }
        ) | New-PrivacyJob -Regulation gdpr -Action access -Product Analytics
        $csv = Join-Path $TestDrive 'jobs.csv'
        $json = Join-Path $TestDrive 'jobs.json'
        $jobs | Export-Csv $csv -NoTypeInformation
        $jobs | Select-Object JobId, SessionName | ConvertTo-Json | Set-Content $json

        $fromCsv = @(Import-Csv $csv | Get-PrivacyJob)
        $fromJson = @(Get-Content $json -Raw | ConvertFrom-Json | Get-PrivacyJob)

        (Import-Csv $csv)[0].SessionName | Should -Be 'adobe'
        $fromCsv.JobId | Sort-Object | Should -Be ($jobs.JobId | Sort-Object)
        $fromJson.JobId | Sort-Object | Should -Be ($jobs.JobId | Sort-Object)
    }

    It 'still takes piped strings as ids, not as session names' {
        ('demo-project' | Get-ProjectInfo).SessionName | Should -Be 'telia'
        $job = [pscustomobject]@{ Key = 'p'; Namespace = 'email'; Value = 'p@example.com' } |
            New-PrivacyJob -Regulation gdpr -Action access -Product Analytics
        ($job.JobId | Get-PrivacyJob).JobId | Should -Be $job.JobId
    }

    It 'uses the Telia session piped from Get-PrivacyServiceSession, not its ProjectId alone' {
        $info = Get-PrivacyServiceSession -Name telia | Get-ProjectInfo
        $info.SessionName | Should -Be 'telia'
        $info.ProjectId | Should -Be $teliaSession.ProjectId
    }
}

Describe 'The ForEach-Object -Parallel example of about_PrivacyServices, with the module imported by path' {
    AfterAll { Disconnect-AllPrivacyServiceSessions }

    It 'runs as documented and shares one token' {
        $about = Get-Content (Join-Path (Get-RepositoryRoot) 'docs/about_PrivacyServices.md') -Raw
        $example = [regex]::Matches($about, '(?s)```powershell\n(.*?)```') | ForEach-Object { $_.Groups[1].Value } | Where-Object { $_ -match 'ForEach-Object -Parallel' }
        $example | Should -HaveCount 1
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        $credential = $telia.ClientCredential
        # The documented call, pointed at the emulator (its URIs are the only addition).
        $code = $example -replace '-ProjectId demo-project -PassThru', "-ProjectId demo-project -TokenUri '$($telia.TokenUri)' -ApiBaseUri '$($telia.ApiBaseUri)' -PassThru"
        (Get-Module PrivacyServices).Path | Should -Not -BeLike "$PSHOME*" -Because 'the suite imports the module by path'

        $results = @(& ([scriptblock]::Create($code)) 2>&1)

        # The emulator knows demo-project only: other-project is its 404, from Get-ProjectInfo, which the runspace found.
        @($results | Where-Object ProjectId).ProjectId | Should -Be 'demo-project'
        $errors = @($results | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -HaveCount 1
        "$($errors[0])" | Should -BeLike '*other-project*'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.Api.Http404*'
        (Get-PrivacyServiceSession -Name Telia).TokenRequestCount | Should -Be 1
    }
}

Describe 'Parameters that mean what they say' {
    BeforeAll {
        # The timeout is not a public session property; it is read where the session's HTTP client keeps it.
        function Get-RequestTimeout($Session) {
            $Session.GetType().GetProperty('Http', [Reflection.BindingFlags]'Public,NonPublic,Instance').GetValue($Session).RequestTimeout
        }
    }

    AfterEach { Disconnect-AllPrivacyServiceSessions }

    It 'reads -RequestTimeout and -RefreshMargin given as numbers as seconds' {
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        $session = Connect-PrivacyService @telia -RequestTimeout 30 -RefreshMargin 120 -PassThru
        Get-RequestTimeout $session | Should -Be ([timespan]::FromSeconds(30))
        $session.RefreshMargin | Should -Be ([timespan]::FromSeconds(120))
    }

    It 'still takes a TimeSpan and refuses a negative number naming the parameter' {
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        $session = Connect-PrivacyService @telia -RequestTimeout ([timespan]'00:00:45') -PassThru
        Get-RequestTimeout $session | Should -Be ([timespan]::FromSeconds(45))
        { Connect-PrivacyService @telia -RequestTimeout -5 } | Should -Throw -ExpectedMessage '*RequestTimeout*'
    }
}

Describe 'Connect-PrivacyService refuses parameters of another provider' {
    AfterEach { Disconnect-AllPrivacyServiceSessions }

    It 'refuses -<Parameter> with -Provider <Provider>, naming <Provider>''s own parameters, before any request' -ForEach @(
        @{ Provider = 'Telia'; Parameter = 'OrgId'; Value = 'X@AdobeOrg'; Own = '-ProjectId' }
        @{ Provider = 'Adobe'; Parameter = 'ProjectId'; Value = 'demo-project'; Own = '-OrgId' }
        @{ Provider = 'Telia'; Parameter = 'CustomerId'; Value = 'cust-1'; Own = '-ProjectId' }
        @{ Provider = 'Adobe'; Parameter = 'TenantId'; Value = 'contoso.onmicrosoft.com'; Own = '-OrgId' }
    ) {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider $Provider
        $connect[$Parameter] = $Value
        $tokensBefore = (Get-PrivacyEmulatorCounter $emulator).Values | Measure-Object -Sum | ForEach-Object Sum

        $err = { Connect-PrivacyService @connect -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.Connect.ParameterNotApplicable*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "-$Parameter applies to -Provider *, not $Provider;*$Own*"
        ((Get-PrivacyEmulatorCounter $emulator).Values | Measure-Object -Sum | ForEach-Object Sum) | Should -Be $tokensBefore
        Get-PrivacyServiceSession | Should -BeNullOrEmpty
    }

    It 'still takes each provider''s own parameters' {
        $adobe = Get-PrivacyEmulatorConnectParameter $emulator -Provider Adobe
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        (Connect-PrivacyService @adobe -PassThru).Settings['OrgId'] | Should -Be $adobe.OrgId
        (Connect-PrivacyService @telia -PassThru).ProjectId | Should -Be $telia.ProjectId
    }
}

Describe 'Credentials from per-provider environment variables' {
    BeforeAll {
        $script:saved = @{}
        foreach ($name in 'PRIVACYSERVICES_CLIENT_ID', 'PRIVACYSERVICES_CLIENT_SECRET', 'PRIVACYSERVICES_ADOBE_CLIENT_ID', 'PRIVACYSERVICES_ADOBE_CLIENT_SECRET',
            'PRIVACYSERVICES_MX_CLIENT_ID', 'PRIVACYSERVICES_MX_CLIENT_SECRET') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }
        function Get-ConnectWithoutCredential([string] $Provider) {
            $parameters = Get-PrivacyEmulatorConnectParameter $emulator -Provider $Provider
            $parameters.Remove('ClientCredential')
            $parameters
        }
    }

    AfterEach {
        Disconnect-AllPrivacyServiceSessions
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }

    It 'reads the provider''s own pair first and the generic pair for the other vendor, naming the variables read' {
        $adobeClient = Get-PrivacyEmulatorProvider $emulator -Provider Adobe
        $teliaClient = Get-PrivacyEmulatorProvider $emulator -Provider Telia
        $env:PRIVACYSERVICES_ADOBE_CLIENT_ID = $adobeClient.ClientId
        $env:PRIVACYSERVICES_ADOBE_CLIENT_SECRET = $adobeClient.Secret
        $env:PRIVACYSERVICES_CLIENT_ID = $teliaClient.ClientId
        $env:PRIVACYSERVICES_CLIENT_SECRET = $teliaClient.Secret

        $adobe = Get-ConnectWithoutCredential Adobe
        $telia = Get-ConnectWithoutCredential Telia
        $adobeVerbose = Connect-PrivacyService @adobe -Name adobe -Verbose 4>&1 | Out-String
        $teliaVerbose = Connect-PrivacyService @telia -Name telia -Verbose 4>&1 | Out-String

        (Get-PrivacyServiceSession -Name adobe).ClientId | Should -Be $adobeClient.ClientId
        (Get-PrivacyServiceSession -Name telia).ClientId | Should -Be $teliaClient.ClientId
        $adobeVerbose | Should -Match 'PRIVACYSERVICES_ADOBE_CLIENT_ID and PRIVACYSERVICES_ADOBE_CLIENT_SECRET'
        $teliaVerbose | Should -Match 'from PRIVACYSERVICES_CLIENT_ID and PRIVACYSERVICES_CLIENT_SECRET'
        $adobeVerbose + $teliaVerbose | Should -Not -Match ([regex]::Escape($adobeClient.Secret))
    }

    It 'names the provider''s variables when no credential is found' {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
        $mx = Get-ConnectWithoutCredential MX

        $err = { Connect-PrivacyService @mx -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.Connect.CredentialMissing*'
        $err.Exception.Message | Should -BeLike '*PRIVACYSERVICES_MX_CLIENT_ID (or PRIVACYSERVICES_CLIENT_ID)*PRIVACYSERVICES_MX_CLIENT_SECRET (or PRIVACYSERVICES_CLIENT_SECRET)*'
    }
}

Describe 'Help links' {
    It '<_> has a HelpUri pointing at its docs page' -ForEach @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../PrivacyServices.psd1')).CmdletsToExport) {
        $command = Get-Command $_
        $command.HelpUri | Should -Be "https://github.com/privacyservices/PrivacyServices/blob/main/docs/cmdlets/$_.md"
        Test-Path (Join-Path (Get-RepositoryRoot) "docs/cmdlets/$_.md") | Should -BeTrue
    }
}

Describe 'Console help' {
    It '<_> shows no markdown inline code, bold or links' -ForEach @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../PrivacyServices.psd1')).CmdletsToExport) {
        $text = Get-Help $_ -Full | Out-String -Width 300

        $text | Should -Not -Match '`[^`\s][^`\n]*`' -Because 'inline code shows as plain text'
        $text | Should -Not -Match '\*\*[^*\n]+\*\*'
        $text | Should -Not -Match '\]\((https?:|[\w./-]+\.md)'
    }
}
