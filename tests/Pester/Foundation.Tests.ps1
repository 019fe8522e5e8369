# The foundation cmdlets (Connect-PrivacyService, Get-PrivacyToken, Get-ProjectInfo, Get-PrivacyServiceSession) used the way
# users use them: in pwsh, against the emulator running as its own process, asserting on what users see and on what the
# emulator counted.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-PrivacyServicesModule
    $script:emulator = Start-PrivacyEmulator
}

AfterAll {
    if (Get-Module PrivacyServices) { Disconnect-AllPrivacyServiceSessions }
    Stop-PrivacyEmulator $script:emulator
}

Describe 'Connect-PrivacyService' {
    BeforeEach { Reset-PrivacyEmulator $emulator }
    AfterEach { Disconnect-AllPrivacyServiceSessions }

    It 'connects to <Provider>, gets the first token at once and becomes the default session' -ForEach @(
        @{ Provider = 'Generic'; TokenCounter = 'generic.token' }
        @{ Provider = 'DnB'; TokenCounter = 'dnb.token' }
        @{ Provider = 'Telia'; TokenCounter = 'telia.token' }
    ) {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider $Provider
        $session = Connect-PrivacyService @connect -Name "first-$Provider" -PassThru

        $session | Should -BeOfType ([PrivacyServices.Sessions.PrivacyServiceSession])
        $session.Provider | Should -Be $Provider
        $session.ClientId | Should -Be (Get-PrivacyEmulatorProvider $emulator -Provider $Provider).ClientId
        $session.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $session.TokenRequestCount | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator $TokenCounter | Should -Be 1
        (Get-PrivacyServiceSession -Default).Name | Should -Be "first-$Provider"
    }

    It 'writes nothing without -PassThru' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        Connect-PrivacyService @connect | Should -BeNullOrEmpty
        Get-PrivacyServiceSession -Default | Should -Not -BeNullOrEmpty
    }

    It 'sends the Generic client credential with <Authentication> client authentication' -ForEach @(
        @{ Authentication = 'Basic' }
        @{ Authentication = 'Body' }
    ) {
        # The Generic test secret holds characters that must be form-encoded: the emulator accepts it only if they were.
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Generic
        Connect-PrivacyService @connect -ClientAuthentication $Authentication

        Get-PrivacyEmulatorCounter $emulator "generic.token.auth.$($Authentication.ToLowerInvariant())" | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator 'generic.token' | Should -Be 1
    }

    It 'connects a client registered at run time, whose secret needs form-encoding for Basic authentication' {
        $secret = 'second:secret+/' + [guid]::NewGuid().ToString('N')
        Register-PrivacyEmulatorClient $emulator -Provider dnb -ClientId 'dnb-second' -Secret $secret
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider DnB
        $connect.ClientCredential = New-TestCredential 'dnb-second' $secret

        (Connect-PrivacyService @connect -PassThru).ClientId | Should -Be 'dnb-second'
        Get-PrivacyEmulatorCounter $emulator 'dnb.token' | Should -Be 1
    }

    It 'asks DnB for the scopes given with -Scope' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider DnB
        Connect-PrivacyService @connect -Scope 'bci', 'person.search'

        (Get-PrivacyToken).Scopes | Should -Be @('bci', 'person.search')
    }

    Context 'with a wrong secret for <_>' -ForEach 'Generic', 'DnB', 'Telia' {
        It 'fails with an AuthenticationError that shows the vendor''s answer and never the secret' {
            $provider = $_
            $canary = 'canary-' + [guid]::NewGuid().ToString('N')
            $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider $provider -Secret $canary
            $Error.Clear()

            $verbose = Connect-PrivacyService @connect -Verbose -ErrorAction SilentlyContinue -ErrorVariable failure 4>&1

            $failure | Should -HaveCount 1
            $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'PrivacyServices.*'
            $Error.Count | Should -BeGreaterThan 0
            $text = (Get-ErrorText @($Error)) + ($verbose | Out-String)
            $text | Should -Match 'invalid_client|unauthorized_client'
            $text | Should -Not -Match $canary
            Get-PrivacyServiceSession | Should -BeNullOrEmpty -Because 'a failed connect stores no session'
        }
    }
}

Describe 'Get-PrivacyToken' {
    BeforeAll {
        Reset-PrivacyEmulator $emulator
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        Connect-PrivacyService @connect -Name tokens
    }
    AfterAll { Disconnect-AllPrivacyServiceSessions }

    It 'returns a PrivacyToken whose Token is a SecureString' {
        $token = Get-PrivacyToken

        $token | Should -BeOfType ([PrivacyServices.Models.PrivacyToken])
        $token.Token | Should -BeOfType ([securestring])
        $token.Provider | Should -Be 'Telia'
        $token.SessionName | Should -Be 'tokens'
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $token.Claims['sub'] | Should -Be 'telia-client'
    }

    It 'gives a SecureString that Invoke-RestMethod -Authentication Bearer accepts' {
        $token = Get-PrivacyToken
        $uri = "$($emulator.BaseUri)/telia/api/demo-project/configurations/projectInfo"

        $info = Invoke-RestMethod -Uri $uri -Authentication Bearer -Token $token.Token -AllowUnencryptedAuthentication

        $info.serviceName | Should -Be 'Demo Streaming Service'
    }

    It 'returns the token itself as a string with -AsPlainText' {
        $plain = Get-PrivacyToken -AsPlainText

        $plain | Should -BeOfType ([string])
        $plain.Split('.') | Should -HaveCount 3 -Because 'the emulator issues JWTs'
        $plain | Should -BeExactly ((Get-PrivacyToken).Token | ConvertFrom-SecureString -AsPlainText)
    }

    It 'shows the token''s table view and ToString without its value' {
        $plain = Get-PrivacyToken -AsPlainText
        $token = Get-PrivacyToken

        $table = $token | Format-Table | Out-String -Width 200
        $table | Should -Match 'SessionName\s+Provider\s+ExpiresOn\s+Source\s+Scopes'
        $table | Should -Match 'tokens\s+Telia\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
        $text = $table + ($token | Format-List * | Out-String -Width 500) + "$token"
        $text | Should -Not -Match ([regex]::Escape($plain))
    }

    It 'reuses the cached token, and -ForceRefresh asks the identity provider again' {
        $before = Get-PrivacyEmulatorCounter $emulator 'telia.token'

        (Get-PrivacyToken).Source | Should -Be 'Cache'
        (Get-PrivacyToken -ForceRefresh).Source | Should -Be 'IdentityProvider'
        (Get-PrivacyToken).Source | Should -Be 'Cache'

        (Get-PrivacyEmulatorCounter $emulator 'telia.token') - $before | Should -Be 1
    }
}

Describe 'Get-ProjectInfo' {
    BeforeAll {
        Reset-PrivacyEmulator $emulator
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        Connect-PrivacyService @connect
    }
    AfterAll { Disconnect-AllPrivacyServiceSessions }

    It 'returns the typed project with every field the API sent' {
        $project = Get-ProjectInfo

        $project | Should -BeOfType ([PrivacyServices.Models.ProjectInfo])
        $project.ProjectId | Should -Be 'demo-project'
        $project.ServiceName | Should -Be 'Demo Streaming Service'
        $project.Subscriptions | Should -HaveCount 2
        $project.Created | Should -Be ([DateTimeOffset]'2024-03-01T10:00:00Z')
        $project.region | Should -Be 'eu-north-1'
    }

    It 'shows the table view through Format-Table | Out-String' {
        $text = Get-ProjectInfo | Format-Table | Out-String -Width 200

        $text | Should -Match 'ProjectId\s+ServiceName\s+Subscriptions\s+Created\s+Updated'
        $text | Should -Match 'demo-project\s+Demo Streaming Service\s+2\s+2024-03-01 10:00:00Z\s+2025-06-15 08:30:00Z'
    }

    It 'takes project ids from the pipeline' {
        $projects = 'demo-project', 'demo-project' | Get-ProjectInfo

        $projects | Should -HaveCount 2
        $projects.ProjectId | Should -Be 'demo-project', 'demo-project'
    }

    It 'reports an unknown project as ObjectNotFound and goes on' {
        $projects = Get-ProjectInfo -ProjectId 'no-such-project', 'demo-project' -ErrorAction SilentlyContinue -ErrorVariable failure

        $projects.ProjectId | Should -Be 'demo-project'
        $failure | Should -HaveCount 1
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'says to run Connect-PrivacyService when there is no session' {
        Disconnect-AllPrivacyServiceSessions

        { Get-ProjectInfo -ErrorAction Stop } | Should -Throw '*Connect-PrivacyService*'
    }
}

Describe 'Get-PrivacyServiceSession' {
    BeforeAll {
        Reset-PrivacyEmulator $emulator
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        $generic = Get-PrivacyEmulatorConnectParameter $emulator -Provider Generic
        Connect-PrivacyService @telia -Name telia-one
        Connect-PrivacyService @generic -Name generic-one
        $null = Get-ProjectInfo -Session (Get-PrivacyServiceSession -Name telia-one)
    }
    AfterAll { Disconnect-AllPrivacyServiceSessions }

    It 'lists the sessions of this runspace; the last one connected is the default' {
        (Get-PrivacyServiceSession).Name | Sort-Object | Should -Be 'generic-one', 'telia-one'
        (Get-PrivacyServiceSession -Default).Name | Should -Be 'generic-one'
    }

    It 'finds sessions by name, with wildcards' {
        (Get-PrivacyServiceSession -Name telia-one).Provider | Should -Be 'Telia'
        (Get-PrivacyServiceSession -Name 'gen*').Name | Should -Be 'generic-one'
    }

    It 'reports an unknown name as ObjectNotFound' {
        Get-PrivacyServiceSession -Name nobody -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows counts in its table and never a secret or a token' {
        $tokens = (Get-PrivacyToken -Session (Get-PrivacyServiceSession -Name telia-one) -AsPlainText),
                  (Get-PrivacyToken -Session (Get-PrivacyServiceSession -Name generic-one) -AsPlainText)
        $table = Get-PrivacyServiceSession | Format-Table | Out-String -Width 200

        $table | Should -Match 'Name\s+Provider\s+IsDefault\s+TokenExpiresOn\s+TokenRequestCount\s+ApiCallCount'
        $table | Should -Match 'telia-one\s+Telia\s+(True|False)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+1\s+1'
        $text = $table + (Get-PrivacyServiceSession | Format-List * | Out-String -Width 500) + "$(Get-PrivacyServiceSession)"
        foreach ($secret in @((Get-PrivacyEmulatorProvider $emulator -Provider Telia).Secret, (Get-PrivacyEmulatorProvider $emulator -Provider Generic).Secret) + $tokens) {
            $text | Should -Not -Match ([regex]::Escape($secret))
        }
    }

    It 'no longer lists a session after Disconnect-PrivacyService' {
        Disconnect-PrivacyService -Name telia-one

        (Get-PrivacyServiceSession).Name | Should -Be 'generic-one'
    }
}

Describe 'Token caching' {
    BeforeEach { Reset-PrivacyEmulator $emulator }
    AfterEach { Disconnect-AllPrivacyServiceSessions }

    It 'makes one token request for many calls' {
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        Connect-PrivacyService @connect

        1..10 | ForEach-Object { $null = Get-ProjectInfo }
        1..5 | ForEach-Object { $null = Get-PrivacyToken }

        Get-PrivacyEmulatorCounter $emulator 'telia.token' | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator 'telia.projectInfo' | Should -Be 10
        $session = Get-PrivacyServiceSession -Default
        $session.TokenRequestCount | Should -Be 1
        $session.ApiCallCount | Should -Be 10
    }

    It 'renews a token near its expiry once, with Telia''s refresh token' {
        # A 4-second token: the refresh margin is at most half its lifetime, so it is renewed 2 s before it expires.
        Set-PrivacyEmulatorTokenLifetime $emulator -Key telia -Seconds 4
        $connect = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        Connect-PrivacyService @connect
        (Get-PrivacyToken).Source | Should -Be 'Cache'

        Start-Sleep -Milliseconds 2500
        1..5 | ForEach-Object { $null = Get-ProjectInfo }

        Get-PrivacyEmulatorCounter $emulator 'telia.token.client_credentials' | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator 'telia.token.refresh_token' | Should -Be 1
        Get-PrivacyEmulatorCounter $emulator 'telia.projectInfo' | Should -Be 5
    }
}

Describe 'Users can mock the binary cmdlets' {
    BeforeAll {
        Reset-PrivacyEmulator $emulator

        # A user's own function, as in a runbook under test.
        function Get-StreamingServiceName {
            param([string] $ProjectId)
            (Get-ProjectInfo -ProjectId $ProjectId).ServiceName
        }

        # A user's script module that calls the cmdlet from inside.
        New-Module -Name UserRunbook -ScriptBlock {
            function Get-SubscriptionTopic { (Get-ProjectInfo).Subscriptions | ForEach-Object { $_.topic } }
            Export-ModuleMember -Function Get-SubscriptionTopic
        } | Import-Module
    }
    AfterAll { Remove-Module UserRunbook -ErrorAction Ignore }

    It 'replaces Get-ProjectInfo with a plain Mock, no session and no request needed' {
        Mock Get-ProjectInfo { [pscustomobject]@{ ProjectId = $ProjectId; ServiceName = "Mocked $ProjectId" } }

        Get-StreamingServiceName -ProjectId p1 | Should -Be 'Mocked p1'

        Should -Invoke Get-ProjectInfo -Times 1 -Exactly -ParameterFilter { $ProjectId -eq 'p1' }
        Get-PrivacyEmulatorCounter $emulator 'telia.projectInfo' | Should -Be 0
    }

    It 'replaces Get-ProjectInfo inside a user''s module with Mock -ModuleName' {
        Mock Get-ProjectInfo -ModuleName UserRunbook { [pscustomobject]@{ Subscriptions = @(@{ topic = 'a' }, @{ topic = 'b' }) } }

        Get-SubscriptionTopic | Should -Be 'a', 'b'

        Should -Invoke Get-ProjectInfo -ModuleName UserRunbook -Times 1 -Exactly
        Get-PrivacyEmulatorCounter $emulator 'telia.projectInfo' | Should -Be 0
    }
}
