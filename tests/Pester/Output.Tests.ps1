# Every output type through the pipelines people use: Export-Csv/Import-Csv, ConvertTo-Json/ConvertFrom-Json, the table
# views (headers are property names, 120 columns, times in UTC), whatever the console's time zone.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-PrivacyServicesModule
    $script:emulator = Start-PrivacyEmulator
    Disconnect-AllPrivacyServiceSessions

    foreach ($provider in 'Adobe', 'Telia', 'LiveRamp', 'MX') {
        $parameters = Get-PrivacyEmulatorConnectParameter $emulator -Provider $provider
        Connect-PrivacyService @parameters -Name $provider.ToLowerInvariant()
    }

    $submitted = [pscustomobject]@{ Key = 'csv'; Namespace = 'email'; Value = 'csv@example.com' } |
        New-PrivacyJob -Regulation gdpr -Action access -Product Analytics
    # One object of every type a cmdlet emits from a session, each as the cmdlet wrote it.
    $script:outputs = [ordered]@{
        PrivacyServiceSession = Get-PrivacyServiceSession -Name adobe
        PrivacyToken          = Get-PrivacyToken -Session adobe
        ProjectInfo           = Get-ProjectInfo
        PrivacyJob            = $submitted | Wait-PrivacyJob -PollInterval 0.05 -Timeout 30
        OptOutOfSaleResult    = Submit-PrivacyOptOut -Namespace email -Value 'csv@example.com' -Confirm:$false
        ConsentFile           = Get-ConsentFile -First 1
        DataSharingConsent    = Get-DataSharingConsent | Select-Object -First 1
    }

    # What a cell or a JSON string holds when a value was written by its type's ToString() instead of its content.
    $script:typeNamePattern = '^(System|PrivacyServices)\.[\w.`\[\],]+$'
}

AfterAll {
    Disconnect-AllPrivacyServiceSessions
    Stop-PrivacyEmulator $script:emulator
}

Describe 'Output through Export-Csv and Import-Csv' {
    It '<_> writes every property as readable text, lists and maps flattened' -ForEach @('PrivacyServiceSession', 'PrivacyToken', 'ProjectInfo', 'PrivacyJob', 'OptOutOfSaleResult', 'ConsentFile', 'DataSharingConsent') {
        $object = $outputs[$_]
        $object | Should -Not -BeNullOrEmpty
        $path = Join-Path $TestDrive "$_.csv"

        $object | Export-Csv $path -NoTypeInformation
        $row = Import-Csv $path

        foreach ($property in $row.PSObject.Properties) {
            if ($property.Name -eq 'Token') { continue }   # a SecureString: its type name is all that may be written
            $property.Value | Should -Not -Match $typeNamePattern -Because "$_.$($property.Name) must be readable in a CSV cell"
        }
        $row.SessionName | Should -Be $object.SessionName
    }

    It 'writes a list as its items joined by "; " and a map as name=value pairs' {
        $token = $outputs.PrivacyToken
        $row = $token | ConvertTo-Csv | ConvertFrom-Csv

        $row.Scopes | Should -Be ($token.Scopes -join '; ')
        $row.Claims | Should -Match "(^|; )sub=$([regex]::Escape($token.Claims['sub']))(;|$)"
        ($outputs.DataSharingConsent | ConvertTo-Csv | ConvertFrom-Csv).Accounts | Should -Be (($outputs.DataSharingConsent.Accounts | ForEach-Object ToString) -join '; ')
        ($outputs.PrivacyJob | ConvertTo-Csv | ConvertFrom-Csv).UserIds | Should -Be 'email:csv@example.com (standard)'
        ($outputs.PrivacyServiceSession | ConvertTo-Csv | ConvertFrom-Csv).Settings | Should -Be "OrgId=$($outputs.PrivacyServiceSession.OrgId)"
    }

    It 'writes nested objects of a list as compact JSON that reads back' {
        $cell = ($outputs.ProjectInfo | ConvertTo-Csv | ConvertFrom-Csv).Subscriptions
        $first = ($cell -split '; ')[0] | ConvertFrom-Json
        $first.topic | Should -Be $outputs.ProjectInfo.Subscriptions[0].topic
        $first.events | Should -Be $outputs.ProjectInfo.Subscriptions[0].events
    }

    It 'takes an exported and re-imported job back into Get-PrivacyJob' {
        $path = Join-Path $TestDrive 'job.csv'
        $outputs.PrivacyJob | Export-Csv $path -NoTypeInformation
        (Import-Csv $path | Get-PrivacyJob).JobId | Should -Be $outputs.PrivacyJob.JobId
    }
}

Describe 'Output through ConvertTo-Json and ConvertFrom-Json' {
    It '<_> writes names, not numbers, and no type names' -ForEach @('PrivacyServiceSession', 'PrivacyToken', 'ProjectInfo', 'PrivacyJob', 'OptOutOfSaleResult', 'ConsentFile', 'DataSharingConsent') {
        $json = $outputs[$_] | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
        $back = $json | ConvertFrom-Json

        $json | Should -Not -Match '"(System|PrivacyServices)\.[\w.`]+' -Because 'a value written as its type name is lost'
        $back.SessionName | Should -Be $outputs[$_].SessionName
    }

    It 'writes the provider, environment and token source as their names' {
        $session = $outputs.PrivacyServiceSession | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json
        $token = $outputs.PrivacyToken | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json

        $session.Provider | Should -Be 'Adobe'
        $session.Environment | Should -Be 'Production'
        $token.Provider | Should -Be 'Adobe'
        $token.Source | Should -BeIn 'Cache', 'IdentityProvider'
        $token.Scopes | Should -Be @($outputs.PrivacyToken.Scopes)
    }

    It 'writes each extra field of a project once, as a property of its own' {
        $json = $outputs.ProjectInfo | ConvertTo-Json -Depth 6
        $back = $json | ConvertFrom-Json

        $back.region | Should -Be 'eu-north-1'
        ([regex]::Matches($json, '"region"')).Count | Should -Be 1
        $back.PSObject.Properties.Name | Should -Not -Contain 'AdditionalProperties'
        $outputs.ProjectInfo.PSObject.Properties.Name | Should -Not -Contain 'AdditionalProperties'
    }

    It 'keeps lists as arrays' {
        $job = $outputs.PrivacyJob | ConvertTo-Json -Depth 6 | ConvertFrom-Json
        @($job.ProductResponses).Count | Should -Be @($outputs.PrivacyJob.ProductResponses).Count
        $job.UserIds[0].Value | Should -Be 'csv@example.com'
    }
}

Describe 'Times and URLs' {
    It 'gives every time as UTC (offset zero) on <_>' -ForEach @('PrivacyServiceSession', 'PrivacyToken', 'ProjectInfo', 'PrivacyJob', 'ConsentFile', 'DataSharingConsent') {
        $times = @($outputs[$_].PSObject.Properties | Where-Object { $_.Value -is [DateTimeOffset] })
        $times.Count | Should -BeGreaterThan 0 -Because "$_ has times"
        foreach ($time in $times) { $time.Value.Offset | Should -Be ([TimeSpan]::Zero) -Because "$_.$($time.Name)" }
    }

    It 'shows DownloadUrl as one line of text' {
        $outputs.PrivacyJob.DownloadUrl | Should -BeOfType [string]
        @(($outputs.PrivacyJob.DownloadUrl | Out-String).Trim() -split "`n").Count | Should -Be 1
    }

    It 'shows UTC times in the tables when the console''s time zone is Tokyo' {
        $telia = Get-PrivacyEmulatorConnectParameter $emulator -Provider Telia
        $script = @"
Import-Module '$(Get-PrivacyServicesManifestPath)'
`$credential = [pscredential]::new('$($telia.ClientCredential.UserName)', (ConvertTo-SecureString '$($telia.ClientCredential.GetNetworkCredential().Password)' -AsPlainText -Force))
`$session = Connect-PrivacyService -Provider Telia -ClientCredential `$credential -TokenUri '$($telia.TokenUri)' -ApiBaseUri '$($telia.ApiBaseUri)' -ProjectId '$($telia.ProjectId)' -PassThru
[TimeZoneInfo]::Local.BaseUtcOffset.TotalHours
`$session.TokenExpiresOn.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'")
`$session.TokenExpiresOn.ToLocalTime().ToString('yyyy-MM-dd HH:mm:ss')
`$session | Format-Table | Out-String -Width 120
"@
        $previous = $env:TZ
        try {
            $env:TZ = 'Asia/Tokyo'
            $lines = @(& (Get-PowerShellPath) -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        }
        finally { $env:TZ = $previous }
        $text = $lines -join "`n"

        $lines[0] | Should -Be '9' -Because $text
        $text | Should -Match ([regex]::Escape($lines[1])) -Because 'the table shows the UTC time'
        $lines[3..($lines.Count - 1)] -join "`n" | Should -Not -Match ([regex]::Escape($lines[2])) -Because 'not the local one'
    }
}

Describe 'Table views' {
    BeforeAll {
        $script:tableViews = @(Get-FormatData -TypeName 'PrivacyServices.*' -PowerShellVersion $PSVersionTable.PSVersion | ForEach-Object {
                $typeName = $_.TypeNames[0]
                foreach ($view in $_.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }) {
                    @{ TypeName = $typeName; Control = $view.Control }
                }
            })
    }

    It 'has a table view for every output type' {
        $types = $tableViews | ForEach-Object { $_.TypeName.Split('.')[-1] }
        foreach ($name in $outputs.Keys | Where-Object { $_ -ne 'OptOutOfSaleResult' }) { $types | Should -Contain $name }
    }

    It 'labels every column of <TypeName> with the property it shows' -ForEach @(
        Get-FormatData -TypeName 'PrivacyServices.*' -PowerShellVersion $PSVersionTable.PSVersion | ForEach-Object { @{ TypeName = $_.TypeNames[0]; Data = $_ } }
    ) {
        $type = [AppDomain]::CurrentDomain.GetAssemblies().GetTypes() | Where-Object FullName -EQ $TypeName | Select-Object -First 1
        $names = @($type.GetProperties().Name) + 'IsDefault'
        foreach ($view in $Data.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }) {
            $headers = $view.Control.Headers
            $items = $view.Control.Rows[0].Columns
            for ($i = 0; $i -lt $headers.Count; $i++) {
                $headers[$i].Label | Should -BeIn $names -Because "Sort-Object and Select-Object take what the table shows ($TypeName)"
                if ($items[$i].DisplayEntry.ValueType -eq 'Property') { $items[$i].DisplayEntry.Value | Should -Be $headers[$i].Label }
            }
        }
    }

    It 'fits <_> in 120 columns, every column shown' -ForEach @('PrivacyServiceSession', 'PrivacyToken', 'ProjectInfo', 'PrivacyJob', 'ConsentFile', 'DataSharingConsent') {
        $lines = @(($outputs[$_] | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $name = $_
        $view = $tableViews | Where-Object { $_.TypeName.EndsWith(".$name") } | Select-Object -First 1
        foreach ($header in $view.Control.Headers) { $lines[0] | Should -Match "\b$([regex]::Escape($header.Label))\b" }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $lines[2].TrimEnd().TrimEnd('…') | Should -Not -Match '…' -Because 'only the last column, a free list, may be cut at 120 columns'
    }
}

Describe 'IsDefault on a session kept in a variable' {
    It 'follows Select-PrivacyServiceSession' {
        $adobe = Get-PrivacyServiceSession -Name adobe
        $telia = Get-PrivacyServiceSession -Name telia

        Select-PrivacyServiceSession -Name adobe
        $adobe.IsDefault | Should -BeTrue
        $telia.IsDefault | Should -BeFalse

        Select-PrivacyServiceSession -Name telia
        $adobe.IsDefault | Should -BeFalse
        $telia.IsDefault | Should -BeTrue
    }
}
