# Starts the PrivacyServices emulator for the tests of this file, runs them against it, and stops it.
# Needs the PrivacyServices module and the emulator tool on PATH:
#   dotnet tool install --tool-path ./tools privacyservices-emulator    (then put ./tools on PATH)

Describe 'A Telia runbook step against the emulator' {
    BeforeAll {
        Import-Module PrivacyServices

        # --port 0: any free port; the emulator writes the one it got to the ready file once it listens.
        # --parent-pid: it exits when this PowerShell does, even if AfterAll never runs.
        $readyFile = Join-Path $TestDrive 'emulator.json'
        $tool = Get-Command privacyservices-emulator -CommandType Application -ErrorAction Stop | Select-Object -First 1
        $script:emulator = Start-Process -FilePath $tool.Source -PassThru -NoNewWindow `
            -ArgumentList "--port 0 --ready-file `"$readyFile`" --parent-pid $PID" `
            -RedirectStandardOutput (Join-Path $TestDrive 'emulator.out') -RedirectStandardError (Join-Path $TestDrive 'emulator.err')
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Test-Path -LiteralPath $readyFile)) {
            if ($emulator.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                throw "The emulator did not start: $(Get-Content -Raw -LiteralPath (Join-Path $TestDrive 'emulator.err'))"
            }
            Start-Sleep -Milliseconds 100
        }
        $script:baseUri = (Get-Content -LiteralPath $readyFile -Raw | ConvertFrom-Json).baseUri
    }

    AfterAll {
        Get-PrivacyServiceSession | Disconnect-PrivacyService
        if ($emulator -and -not $emulator.HasExited) {
            $emulator.Kill()
            $emulator.WaitForExit()
        }
    }

    BeforeEach {
        # Counters, fault switches and token lifetimes back to their defaults, and a new session.
        Invoke-RestMethod -Method Post -Uri "$baseUri/_emulator/reset"
        $secret = ConvertTo-SecureString 'telia-secret' -AsPlainText -Force
        Connect-PrivacyService -Provider Telia -ClientCredential ([pscredential]::new('telia-client', $secret)) `
            -ProjectId demo-project -TokenUri "$baseUri/telia/oauth/token" -ApiBaseUri "$baseUri/telia/api"
    }

    It 'reads the project three times with one token' {
        $projects = 1..3 | ForEach-Object { Get-ProjectInfo }

        $projects.ServiceName | Should -Be 'Demo Streaming Service', 'Demo Streaming Service', 'Demo Streaming Service'
        $counters = Invoke-RestMethod -Uri "$baseUri/_emulator/counters"
        $counters.'telia.token' | Should -Be 1
        $counters.'telia.projectInfo' | Should -Be 3
    }

    It 'waits out two 429 answers with Retry-After' {
        Invoke-RestMethod -Method Post -Uri "$baseUri/_emulator/faults?path=/telia/api&status=429&count=2&retryAfterSeconds=1"

        (Get-ProjectInfo).ProjectId | Should -Be 'demo-project'
        $counters = Invoke-RestMethod -Uri "$baseUri/_emulator/counters"
        $counters.'faults.status.429' | Should -Be 2
        $counters.'telia.projectInfo' | Should -Be 1
    }
}
