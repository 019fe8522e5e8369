# The emulator's control module (shipped in the tool: privacyservices-emulator --module-path) as a user's Pester suite
# drives it: providers and their credentials from one table, the one reset, faults, latency and rate limits, job progress
# and the number of consent files.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-PrivacyServicesModule
    $script:emulator = Start-PrivacyEmulator
}

AfterAll {
    if (Get-Module PrivacyServices) { Disconnect-AllPrivacyServiceSessions }
    Stop-PrivacyEmulator $script:emulator
}

Describe 'The emulator control module' {
    BeforeEach { Reset-PrivacyEmulator $emulator }

    It 'exports what the emulator guide lists' {
        $module = Get-Module PrivacyServicesEmulator
        $module | Should -Not -BeNullOrEmpty
        foreach ($name in 'Start-PrivacyEmulator', 'Stop-PrivacyEmulator', 'Reset-PrivacyEmulator', 'Get-PrivacyEmulatorCounter', 'Add-PrivacyEmulatorFault',
            'Clear-PrivacyEmulatorFault', 'Set-PrivacyEmulatorField', 'Get-PrivacyEmulatorField', 'Set-PrivacyEmulatorJobProgress',
            'Set-PrivacyEmulatorConsentFileCount', 'Get-PrivacyEmulatorProvider', 'Get-PrivacyEmulatorConnectParameter') {
            $module.ExportedFunctions.Keys | Should -Contain $name
        }
    }

    It 'gives Connect-PrivacyService parameters for every provider from the emulator''s one table' -ForEach @(
        @{ Provider = 'Telia' }, @{ Provider = 'Adobe' }, @{ Provider = 'DnB' }, @{ Provider = 'LiveRamp' }, @{ Provider = 'MX' }, @{ Provider = 'EntraId' }, @{ Provider = 'Generic' }
    ) {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider $Provider
        $session = Connect-PrivacyService @connect -Name "table-$Provider" -PassThru -ErrorAction Stop
        $session.Provider | Should -Be $Provider
        $session.TokenRequestCount | Should -Be 1
        Disconnect-PrivacyService -Name "table-$Provider"
    }

    It 'one reset clears counters, faults, field conditions and every vendor''s state' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Generic
        Connect-PrivacyService @connect -Name reset-check
        Set-PrivacyEmulatorField $emulator -LatencyMs 50 -RequestsPerSecond 100 | Out-Null
        Set-PrivacyEmulatorConsentFileCount $emulator -Count 3 | Out-Null
        Add-PrivacyEmulatorFault $emulator -Path /generic/api -Status 503 -Count 5

        Reset-PrivacyEmulator $emulator

        (Get-PrivacyEmulatorCounter $emulator).Count | Should -Be 0
        $field = Get-PrivacyEmulatorField $emulator
        $field.latencyMs | Should -Be 0
        $field.requestsPerSecond | Should -BeNullOrEmpty
        (Invoke-PrivacyServiceRequest -Uri echo -Session reset-check).subject | Should -Be 'generic-client'
        Disconnect-PrivacyService -Name reset-check
    }

    It 'rate-limits a client and the module waits it out' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Generic
        Connect-PrivacyService @connect -Name limited
        Set-PrivacyEmulatorField $emulator -RequestsPerSecond 2 | Out-Null

        $answers = 1..5 | ForEach-Object { Invoke-PrivacyServiceRequest -Uri echo -Session limited }

        $answers | Should -HaveCount 5
        Get-PrivacyEmulatorCounter $emulator ratelimit.rejected | Should -BeGreaterThan 0
        Disconnect-PrivacyService -Name limited
    }

    It 'moves Adobe jobs on by time, or sets one directly' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Adobe
        Connect-PrivacyService @connect -Name progress
        $job = New-PrivacyJob -Session progress -Key u1 -Namespace email -Value u1@example.com -Regulation gdpr -Action access -Product Analytics
        $other = New-PrivacyJob -Session progress -Key u2 -Namespace email -Value u2@example.com -Regulation gdpr -Action access -Product Analytics

        Set-PrivacyEmulatorJobProgress $emulator -JobId $other.JobId -Status error | Out-Null
        Set-PrivacyEmulatorJobProgress $emulator -StepSeconds 0.01 | Out-Null
        Start-Sleep -Milliseconds 100

        (Get-PrivacyJob -Session progress -JobId $job.JobId).Status | Should -Be 'complete'
        (Get-PrivacyJob -Session progress -JobId $other.JobId).Status | Should -Be 'error'
        Disconnect-PrivacyService -Name progress
    }

    It 'lists as many consent files as it is told' {
        Set-PrivacyEmulatorConsentFileCount $emulator -Count 7 -PageSize 3 | Out-Null
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider LiveRamp
        Connect-PrivacyService @connect -Name files

        @(Get-ConsentFile -Session files) | Should -HaveCount 7
        Get-PrivacyEmulatorCounter $emulator liveramp.consentFiles.page | Should -Be 3
        Disconnect-PrivacyService -Name files
    }
}
