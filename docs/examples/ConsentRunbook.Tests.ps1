# Unit tests of ConsentRunbook.psm1: Get-ConsentFile and Save-ConsentFile are mocked, so no vendor and no emulator is
# involved. The module under test calls them, so the mocks go into that module's scope: -ModuleName ConsentRunbook.

BeforeAll {
    Import-Module PrivacyServices
    Import-Module (Join-Path $PSScriptRoot 'ConsentRunbook.psm1') -Force

    # A real ConsentFile, as Get-ConsentFile writes it (the type's constructor is public).
    function New-TestConsentFile([datetimeoffset] $CreatedAt) {
        [PrivacyServices.Models.ConsentFile]::new(
            [guid]::NewGuid(), 'COOKIE', $null, $null, 'OPT_OUT',
            [PrivacyServices.Models.DataController]::new('SEAT_ID', '1234', $false),
            [uri]'https://files.example.com/consent.csv?sig=test', $CreatedAt)
    }
}

Describe 'Sync-OptOutFile' {
    BeforeEach {
        Mock Get-ConsentFile -ModuleName ConsentRunbook {
            New-TestConsentFile '2025-01-02T00:00:00Z'
            New-TestConsentFile '2025-01-03T12:00:00Z'
        }
        # Stands in for the download: one FileInfo per piped file, nothing written.
        Mock Save-ConsentFile -ModuleName ConsentRunbook {
            foreach ($file in $InputObject) { [IO.FileInfo] (Join-Path $Path "$($file.Id).csv") }
        }
    }

    It 'asks for the opt-out files created after -Since' {
        $null = Sync-OptOutFile -Since '2025-01-01T00:00:00Z' -Path $TestDrive

        Should -Invoke Get-ConsentFile -ModuleName ConsentRunbook -Times 1 -Exactly -ParameterFilter {
            $RequestType -eq 'OPT_OUT' -and $CreatedAfter -eq [datetimeoffset] '2025-01-01T00:00:00Z'
        }
    }

    It 'saves every listed file into -Path and reports the newest' {
        $result = Sync-OptOutFile -Since '2025-01-01T00:00:00Z' -Path $TestDrive

        $result.Listed | Should -Be 2
        $result.Downloaded | Should -Be 2
        $result.Newest | Should -Be ([datetimeoffset] '2025-01-03T12:00:00Z')
        Should -Invoke Save-ConsentFile -ModuleName ConsentRunbook -Times 2 -Exactly -ParameterFilter { $Path -eq $TestDrive }
    }

    It 'keeps -Since when there is nothing new' {
        Mock Get-ConsentFile -ModuleName ConsentRunbook { }

        $result = Sync-OptOutFile -Since '2025-02-01T00:00:00Z' -Path $TestDrive

        $result.Listed | Should -Be 0
        $result.Newest | Should -Be ([datetimeoffset] '2025-02-01T00:00:00Z')
        Should -Invoke Save-ConsentFile -ModuleName ConsentRunbook -Times 0
    }

    It 'accepts a fake made from a PSCustomObject (what a real Save-ConsentFile binds by property name)' {
        Mock Get-ConsentFile -ModuleName ConsentRunbook {
            [pscustomobject]@{
                PSTypeName     = 'PrivacyServices.Models.ConsentFile'    # picks the module's table view
                Id             = [guid] '00000000-0000-0000-0000-000000000001'
                IdentifierType = 'COOKIE'
                RequestType    = 'OPT_OUT'
                FileUrl        = [uri] 'https://files.example.com/one.csv?sig=test'
                CreatedAt      = [datetimeoffset] '2025-01-05T00:00:00Z'
            }
        }
        Mock Save-ConsentFile -ModuleName ConsentRunbook { [IO.FileInfo] (Join-Path $Path "$Id.csv") }

        $result = Sync-OptOutFile -Since '2025-01-01T00:00:00Z' -Path $TestDrive

        $result.Downloaded | Should -Be 1
        Should -Invoke Save-ConsentFile -ModuleName ConsentRunbook -Times 1 -Exactly -ParameterFilter {
            $Id -eq [guid] '00000000-0000-0000-0000-000000000001'
        }
    }
}
