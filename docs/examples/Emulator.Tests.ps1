# Starts the PrivacyServices emulator for the tests of this file, runs them against it, and stops it.
# Needs the PrivacyServices module and the emulator tool on PATH:
#   dotnet tool install --tool-path ./tools privacyservices-emulator    (then put ./tools on PATH)

Describe 'A Telia runbook step against the emulator' {
    BeforeAll {
        Import-Module PrivacyServices
        # The emulator's control module ships inside the tool; --module-path prints where.
        Import-Module (privacyservices-emulator --module-path)

        # Its own process on a free loopback port; it exits with this PowerShell even if AfterAll never runs.
        $script:emulator = Start-PrivacyEmulator
    }

    AfterAll {
        Get-PrivacyServiceSession | Disconnect-PrivacyService
        Stop-PrivacyEmulator $emulator
    }

    BeforeEach {
        # Counters, fault switches, token lifetimes and every vendor's state back to their defaults, and a new session.
        Reset-PrivacyEmulator $emulator
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia   # the emulator's test client, to splat
        Connect-PrivacyService @connect
    }

    It 'reads the project three times with one token' {
        $projects = 1..3 | ForEach-Object { Get-ProjectInfo }

        $projects.ServiceName | Should -Be 'Demo Streaming Service', 'Demo Streaming Service', 'Demo Streaming Service'
        Get-PrivacyEmulatorCounter $emulator telia.token | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator telia.projectInfo | Should -Be 3
    }

    It 'waits out two 429 answers with Retry-After' {
        Add-PrivacyEmulatorFault $emulator -Path /telia/api -Status 429 -Count 2 -RetryAfterSeconds 1

        (Get-ProjectInfo).ProjectId | Should -Be 'demo-project'
        Get-PrivacyEmulatorCounter $emulator faults.status.429 | Should -Be 2
        Get-PrivacyEmulatorCounter $emulator telia.projectInfo | Should -Be 1
    }
}
