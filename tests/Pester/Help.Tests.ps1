# The help users get from Get-Help. The committed en-US/ files are exactly what docs/ generates (build.ps1 -Task Help),
# every exported cmdlet and parameter is described with examples, and Get-Help works offline in a fresh pwsh, for the
# cmdlets and for about_PrivacyServices.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile -LiteralPath (Get-PrivacyServicesManifestPath)
    $cmdlets = @($manifest.CmdletsToExport | Sort-Object | ForEach-Object { @{ Name = $_ } })
    Import-PrivacyServicesModule
    $providers = [Enum]::GetNames((Get-Command Connect-PrivacyService).Parameters['Provider'].ParameterType)
    $pages = @(Get-ChildItem -LiteralPath (Join-Path (Get-RepositoryRoot) 'docs/cmdlets') -Filter '*.md' | ForEach-Object Name)

    # platyPS writes the MAML. Without it (a developer's pwsh) the regeneration is skipped; CI sets PRIVACYSERVICES_REQUIRE_PWSH=1
    # and has it, and there a missing platyPS fails instead.
    $platyPSMissing = -not (Get-Module Microsoft.PowerShell.PlatyPS -ListAvailable | Where-Object Version -EQ ([version] '1.0.3'))
    $skipRegeneration = $platyPSMissing -and $env:PRIVACYSERVICES_REQUIRE_PWSH -ne '1'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:root = Get-RepositoryRoot
    $script:committed = Join-Path $root 'en-US'
    $script:generatedFiles = 'PrivacyServices.dll-Help.xml', 'about_PrivacyServices.help.txt'

    # Git may check text files out with CRLF (core.autocrlf on Windows); platyPS itself is deterministic (same bytes on
    # every run, in any culture, on any day: the pages' ms.date does not reach the MAML), so that is all there is to normalise.
    function Get-ComparableText([string] $Path) {
        [IO.File]::ReadAllText($Path).Replace("`r`n", "`n")
    }

    function Get-FirstDifference([string] $Expected, [string] $Actual) {
        $expectedLines = $Expected -split "`n"
        $actualLines = $Actual -split "`n"
        for ($i = 0; $i -lt [Math]::Max($expectedLines.Count, $actualLines.Count); $i++) {
            $e = if ($i -lt $expectedLines.Count) { $expectedLines[$i] } else { '<end of file>' }
            $a = if ($i -lt $actualLines.Count) { $actualLines[$i] } else { '<end of file>' }
            if ($e -cne $a) {
                return "line $($i + 1): generated '$e', committed '$a'"
            }
        }
    }
}

Describe 'The committed help (en-US/)' {
    BeforeAll {
        $script:regenerated = Join-Path $TestDrive 'en-US'
        if (-not (Get-Module Microsoft.PowerShell.PlatyPS -ListAvailable | Where-Object Version -EQ ([version] '1.0.3'))) {
            return
        }

        $null = & (Join-Path $root 'docs/tools/Build-Help.ps1') -OutputPath $regenerated
    }

    It 'is what build.ps1 -Task Help generates from docs/: <_>' -ForEach 'PrivacyServices.dll-Help.xml', 'about_PrivacyServices.help.txt' -Skip:$skipRegeneration {
        $generated = Join-Path $regenerated $_
        $generated | Should -Exist -Because 'docs/tools/Build-Help.ps1 needs Microsoft.PowerShell.PlatyPS 1.0.3 (pwsh ./build.ps1 -Task Help installs it)'
        $expected = Get-ComparableText $generated
        $actual = Get-ComparableText (Join-Path $committed $_)

        $difference = Get-FirstDifference $expected $actual
        $difference | Should -BeNullOrEmpty -Because "en-US/$_ must be regenerated: run 'pwsh ./build.ps1 -Task Help' and commit en-US/"
    }

    It 'comes from pages platyPS reads as valid command help: <_>' -ForEach $pages -Skip:$skipRegeneration {
        Import-Module Microsoft.PowerShell.PlatyPS -RequiredVersion 1.0.3
        $result = Test-MarkdownCommandHelp -Path (Join-Path $root "docs/cmdlets/$_") -DetailView

        $result.IsValid | Should -BeTrue -Because (($result.Messages | Where-Object { $_ -match 'FAIL' }) -join '; ')
    }

    It 'holds nothing else' {
        @(Get-ChildItem -LiteralPath $committed -Recurse -File | ForEach-Object Name) | Sort-Object | Should -Be ($generatedFiles | Sort-Object)
    }

    It 'is in the built module folder, as dotnet build copies it' -ForEach 'PrivacyServices.dll-Help.xml', 'about_PrivacyServices.help.txt' {
        $built = Join-Path (Split-Path -Parent (Get-PrivacyServicesManifestPath)) "en-US/$_"

        (Get-FileHash -LiteralPath $built).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $committed $_)).Hash -Because 'rebuild after regenerating the help'
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        Import-PrivacyServicesModule
        $script:command = Get-Command -Name $Name -Module PrivacyServices
        $script:help = Get-Help -Name $Name -Full
        $script:helpText = $help | Out-String -Width 200
        # Common parameters are documented by PowerShell itself; WhatIf and Confirm belong to the cmdlet and are described.
        $script:ownParameters = @($command.Parameters.Keys | Where-Object {
                $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -ne 'UseTransaction' } | Sort-Object)
        $script:helpParameters = @($help.parameters.parameter)
    }

    It 'comes from the module''s MAML, not from the syntax PowerShell makes up' {
        $helpText | Should -Not -Match 'Get-Help cannot find the Help files'
        $help.Synopsis | Should -Not -BeLike "$Name *[<]*"
    }

    It 'has a synopsis' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '\{\{'
    }

    It 'has a description' {
        $description = ($help.description | ForEach-Object Text) -join "`n"
        $description.Trim().Length | Should -BeGreaterThan 100
        $description | Should -Not -Match '\{\{'
    }

    It 'describes each of its parameters' {
        foreach ($parameter in $ownParameters) {
            $entry = $helpParameters | Where-Object name -EQ $parameter
            $text = ($entry.description | ForEach-Object Text) -join "`n"
            $text.Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description in docs/cmdlets/$Name.md"
            $text | Should -Not -Match '\{\{'
        }
    }

    It 'documents exactly the parameters the cmdlet has' {
        @($helpParameters.name | Sort-Object) | Should -Be $ownParameters -Because "docs/cmdlets/$Name.md must follow the cmdlet (platyPS: Update-MarkdownCommandHelp)"
    }

    It 'has at least two examples, each with code that uses the cmdlet' {
        $examples = @($help.examples.example)

        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Match ([regex]::Escape($Name)) -Because "example '$($example.title)' should show $Name at work"
        }
    }

    It 'shows the default of every optional parameter that has one' {
        $instance = [Activator]::CreateInstance($command.ImplementingType)
        # Defaults that depend on the vendor or mean "none" are described in words; the rest are the property's initial value.
        $described = @{ ClientAuthentication = 'Basic for Generic and DnB'; Timeout = 'no limit'; Session = 'the default session'; Name = 'name' }
        foreach ($parameter in $ownParameters) {
            $metadata = $command.Parameters[$parameter]
            if ($metadata.ParameterType -eq [switch] -or @($metadata.ParameterSets.Values | Where-Object IsMandatory).Count -eq $metadata.ParameterSets.Count) { continue }
            $shown = "$(($helpParameters | Where-Object name -EQ $parameter).defaultValue)"
            if ($described.ContainsKey($parameter) -and ($parameter -ne 'Name' -or $Name -eq 'Connect-PrivacyService')) {
                $shown | Should -BeLike "*$($described[$parameter])*" -Because "-$parameter of $Name"
                continue
            }

            $value = $command.ImplementingType.GetProperties() | Where-Object Name -EQ $parameter | Select-Object -First 1 | ForEach-Object { $_.GetValue($instance) }
            $unset = $null -eq $value -or ($value -is [Array] -and $value.Count -eq 0) -or "$value" -eq '' -or
                $value -eq [datetime]::MinValue -or $value -eq [datetimeoffset]::MinValue -or $value -eq [guid]::Empty
            if ($unset) { continue }
            $expected = if ($value -is [timespan]) { "$($value.TotalSeconds)" } else { "$value" }   # timespans are documented in seconds
            $shown | Should -Be $expected -Because "-$parameter of $Name defaults to $expected (docs/cmdlets/$Name.md: DefaultValue)"
        }
    }

    It 'has inputs, outputs and notes' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
        ($help.alertSet.alert | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-Help in a fresh pwsh, with the module imported by path' {
    BeforeAll {
        $script:manifest = Get-PrivacyServicesManifestPath
        # No network: PowerShell reads the MAML and the about topic from the module folder (en-US, also for other cultures).
        $script:fresh = & (Get-PowerShellPath) -NoProfile -NonInteractive -Command {
            param($Manifest)
            $PSStyle.OutputRendering = 'PlainText'
            Import-Module $Manifest -ErrorAction Stop
            [pscustomobject]@{
                Examples       = Get-Help New-PrivacyJob -Examples | Out-String -Width 200
                Full           = Get-Help Connect-PrivacyService -Full | Out-String -Width 200
                About          = Get-Help about_PrivacyServices | Out-String -Width 200
                AboutTopics    = @(Get-Help -Name about_Privacy* -Category HelpFile | ForEach-Object Name)
                GermanSynopsis = & {
                    [cultureinfo]::CurrentUICulture = 'de-DE'
                    (Get-Help Get-ConsentFile).Synopsis
                }
            }
        } -args $manifest 2>&1
        $script:exitCode = $LASTEXITCODE
        $script:report = $fresh | Where-Object { $_.PSObject.Properties['Examples'] }
    }

    It 'runs without errors' {
        $exitCode | Should -Be 0 -Because ($fresh | Out-String)
        $report | Should -Not -BeNullOrEmpty
    }

    It 'shows the examples of New-PrivacyJob with their code' {
        $report.Examples | Should -Match 'Example 1: One data subject, access and delete'
        $report.Examples | Should -Match 'PS > New-PrivacyJob -Key DavidSmith'
        $report.Examples | Should -Match 'Example 2: Data subjects from a CSV file'
        $report.Examples | Should -Not -Match '```'
    }

    It 'shows the full help of Connect-PrivacyService, environment variables included' {
        foreach ($variable in 'PRIVACYSERVICES_CLIENT_ID', 'PRIVACYSERVICES_CLIENT_SECRET', 'PRIVACYSERVICES_TENANT_ID',
            'PRIVACYSERVICES_CREDENTIAL_FILE', 'PRIVACYSERVICES_CERTIFICATE_PATH', 'PRIVACYSERVICES_CERTIFICATE_PASSWORD',
            'PRIVACYSERVICES_CERTIFICATE_THUMBPRINT') {
            $report.Full | Should -Match $variable
        }
        $report.Full | Should -Not -Match 'cannot find the Help files'
    }

    It 'finds the about topic' {
        $report.AboutTopics | Should -Contain 'about_PrivacyServices'
        $report.About | Should -Match 'SHORT DESCRIPTION'
        $report.About | Should -Match 'single flight'
        $report.About | Should -Match 'Session \$using:session'
    }

    It 'falls back to the en-US help in another culture' {
        $report.GermanSynopsis | Should -BeLike 'Lists LiveRamp consent files*'
    }
}

Describe 'Connect-PrivacyService help' {
    BeforeAll { Import-PrivacyServicesModule }

    It 'has an example for each provider: <_>' -ForEach $providers {
        $provider = $_
        $code = (Get-Help Connect-PrivacyService).examples.example.code
        @($code | Where-Object { $_ -match "Connect-PrivacyService\s+-Provider\s+$provider\b" }).Count | Should -BeGreaterThan 0 -Because "docs/cmdlets/Connect-PrivacyService.md needs an example with -Provider $provider"
    }

    It 'binds the parameters of every example to one parameter set' {
        foreach ($example in (Get-Help Connect-PrivacyService).examples.example) {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($example.code, [ref] $null, [ref] $null)
            foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Connect-PrivacyService' }, $true)) {
                $names = @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object ParameterName)
                $sets = (Get-Command Connect-PrivacyService).ParameterSets | Where-Object {
                    $setNames = @($_.Parameters.Name) + @($_.Parameters.Aliases)
                    -not @($names | Where-Object { $_ -notin $setNames })
                }
                @($sets).Count | Should -BeGreaterThan 0 -Because "$($example.title): $($names -join ', ')"
            }
        }
    }
}

Describe 'The help names every environment variable Connect-PrivacyService reads' {
    It 'lists each constant of EnvironmentCredentials.cs' {
        $source = Get-Content -Raw -LiteralPath (Join-Path $root 'src/PrivacyServices/Infrastructure/EnvironmentCredentials.cs')
        $variables = @([regex]::Matches($source, '"(PRIVACYSERVICES_[A-Z_]+)"') | ForEach-Object { $_.Groups[1].Value })
        $page = Get-Content -Raw -LiteralPath (Join-Path $root 'docs/cmdlets/Connect-PrivacyService.md')
        $about = Get-Content -Raw -LiteralPath (Join-Path $root 'docs/about_PrivacyServices.md')

        $variables.Count | Should -BeGreaterOrEqual 7
        foreach ($variable in $variables) {
            $page | Should -Match $variable
            $about | Should -Match $variable
        }
    }
}
