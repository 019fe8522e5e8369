# Integration test of ConsentRunbook.psm1: the real cmdlets against the PrivacyServices emulator's LiveRamp, which
# serves 250 consent files (one an hour from 2025-01-01) on signed URLs of a second, storage-like port.
# Needs the emulator tool on PATH (dotnet tool install --tool-path ./tools privacyservices-emulator).

Describe 'Sync-OptOutFile against the emulator' {
    BeforeAll {
        Import-Module PrivacyServices
        Import-Module (Join-Path $PSScriptRoot 'ConsentRunbook.psm1') -Force

        Import-Module (privacyservices-emulator --module-path)   # the emulator's control module, shipped in the tool
        $script:emulator = Start-PrivacyEmulator
        $script:baseUri = $emulator.BaseUri

        # The emulator hands out a service-account file for its test account, its token_uri pointing at the emulator.
        $credentialFile = Join-Path $TestDrive 'liveramp.json'
        Invoke-WebRequest -Uri "$baseUri/_emulator/liveramp/credentials.json" -OutFile $credentialFile
        Connect-PrivacyService -Provider LiveRamp -CredentialFile $credentialFile -ApiBaseUri "$baseUri/liveramp/privacy/v2"
    }

    AfterAll {
        Get-PrivacyServiceSession | Disconnect-PrivacyService
        Stop-PrivacyEmulator $emulator
    }

    It 'downloads the new opt-out files, and none of them again on the next run' {
        $folder = Join-Path $TestDrive 'consent-files'

        $first = Sync-OptOutFile -Since '2025-01-10T00:00:00Z' -Path $folder
        $second = Sync-OptOutFile -Since '2025-01-10T00:00:00Z' -Path $folder

        $first.Listed | Should -BeGreaterThan 0
        $first.Downloaded | Should -Be $first.Listed
        @(Get-ChildItem -LiteralPath $folder -Filter '*.csv').Count | Should -Be $first.Listed
        $second.Listed | Should -Be $first.Listed
        $second.Downloaded | Should -Be 0
        Get-PrivacyEmulatorCounter $emulator files.download | Should -Be $first.Listed
    }

    It 'never sends the bearer token to the storage host' {
        Get-PrivacyEmulatorCounter $emulator files.withAuthorization | Should -Be 0
    }
}
