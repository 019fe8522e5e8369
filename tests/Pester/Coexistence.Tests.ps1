# The module beside another module's MSAL and Newtonsoft.Json (as Az.Accounts or Microsoft.Graph bring them), in fresh pwsh
# processes so that nothing is loaded before the scenario: the other module's copies first and the module second, then the
# reverse. Each time an EntraId managed-identity session gets its token through the module's own MSAL, in the module's
# AssemblyLoadContext, and the other module's MSAL keeps working. docs/coexistence.md explains the design.

BeforeDiscovery {
    $script:orders = @(
        @{ Order = 'OtherFirst'; Title = 'another module''s MSAL 4.61.3 and Newtonsoft.Json 12.0.3 are loaded first' }
        @{ Order = 'ModuleFirst'; Title = 'the module is used first and another module loads MSAL 4.61.3 and Newtonsoft.Json 12.0.3 after it' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Start-PrivacyEmulator
    $script:manifestPath = Get-PrivacyServicesManifestPath
    $script:moduleFolder = Split-Path -Parent $manifestPath
    $script:other = Get-OtherModuleAssemblyPath
    # src/PrivacyServices.Emulator/Vendors/TestCredentials.cs
    $script:identityHeader = 'emulator-identity-header'
    $script:systemAssignedClientId = '9d3b5a71-0000-4000-8000-00000000517e'

    # Runs in the fresh pwsh. Writes one report object, then one object per assembly of interest.
    $script:scenario = {
        param($ManifestPath, $MsalPath, $AbstractionsPath, $NewtonsoftPath, $EmulatorRoot, $IdentityHeader, $Order)

        $ErrorActionPreference = 'Stop'
        $env:IDENTITY_ENDPOINT = "$EmulatorRoot/msi/token"
        $env:IDENTITY_HEADER = $IdentityHeader
        $report = [ordered]@{ Kind = 'Report' }

        function Use-OtherModule {
            # A module that ships its own copies and loads them the ordinary way: Add-Type -Path, into the default context.
            Add-Type -Path $MsalPath, $AbstractionsPath
            # pwsh already holds its own Newtonsoft.Json 13: Add-Type -Path of 12.0.3 hands that back without a word...
            $report.NewtonsoftFromAddType = (Add-Type -Path $NewtonsoftPath -PassThru | Select-Object -First 1).Assembly.GetName().Version.ToString()
            # ...so a module that needs 12.0.3 itself has to load it in a context of its own.
            $null = [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule', $false).LoadFromAssemblyPath($NewtonsoftPath)

            $identity = [Microsoft.Identity.Client.AppConfig.ManagedIdentityId]::SystemAssigned
            $app = [Microsoft.Identity.Client.ManagedIdentityApplicationBuilder]::Create($identity).Build()
            $report.OtherTokenLength = $app.AcquireTokenForManagedIdentity('api://other-module').ExecuteAsync().GetAwaiter().GetResult().AccessToken.Length
        }

        function Use-PrivacyServices {
            Import-Module $ManifestPath
            Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope 'api://coexistence/.default'
            $token = Get-PrivacyToken
            $report.ModuleTokenSource = "$($token.Source)"
            $report.ModuleTokenAppId = $token.Claims['appid']
        }

        if ($Order -eq 'OtherFirst') { Use-OtherModule; Use-PrivacyServices } else { Use-PrivacyServices; Use-OtherModule }

        # Type names resolve in the default context only: the other module's MSAL, never the module's.
        $report.MsalTypeNameVersion = [Microsoft.Identity.Client.ManagedIdentityApplicationBuilder].Assembly.GetName().Version.ToString()
        [pscustomobject] $report

        $names = 'Microsoft.Identity.Client', 'Microsoft.IdentityModel.Abstractions', 'Newtonsoft.Json', 'PrivacyServices', 'PrivacyServices.Core', 'PrivacyServices.Loader', 'PrivacyServices.EntraId'
        foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
            if (-not $assembly.IsDynamic -and $assembly.GetName().Name -in $names) {
                [pscustomobject]@{
                    Kind     = 'Assembly'
                    Name     = $assembly.GetName().Name
                    Version  = $assembly.GetName().Version.ToString()
                    Context  = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
                    Location = $assembly.Location
                }
            }
        }
    }
}

AfterAll {
    Stop-PrivacyEmulator $script:emulator
}

Describe 'Coexistence in a fresh pwsh when <Title>' -ForEach $orders {
    BeforeAll {
        Reset-PrivacyEmulator $emulator
        $output = & (Get-PowerShellPath) -NoProfile -NonInteractive -Command $scenario -args $manifestPath, $other.Msal, $other.Abstractions, $other.Newtonsoft,
            $emulator.BaseUri, $identityHeader, $Order 2>&1
        $script:exitCode = $LASTEXITCODE
        $script:errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $script:report = $output | Where-Object { $_.PSObject.Properties['Kind'] -and $_.Kind -eq 'Report' }
        $script:assemblies = @($output | Where-Object { $_.PSObject.Properties['Kind'] -and $_.Kind -eq 'Assembly' })
        $script:dependencies = Join-Path $moduleFolder 'Dependencies'
    }

    It 'runs without errors' {
        $errors | Should -BeNullOrEmpty
        $exitCode | Should -Be 0
    }

    It 'gets the EntraId managed-identity token through the module' {
        $report.ModuleTokenSource | Should -Be 'Cache' -Because 'Connect-PrivacyService got the token, Get-PrivacyToken reused it'
        $report.ModuleTokenAppId | Should -Be $systemAssignedClientId
    }

    It 'leaves the other module''s MSAL working: it gets its own token, and type names resolve to it' {
        $report.OtherTokenLength | Should -BeGreaterThan 0
        $report.MsalTypeNameVersion | Should -Be '4.61.3.0'
        Get-PrivacyEmulatorCounter $emulator 'msi.token.system' | Should -Be 2 -Because 'one token for the module, one for the other module'
    }

    It 'has both MSAL versions loaded side by side: 4.61.3 in the default context, 4.92 in the module''s context from Dependencies/' {
        $msal = @($assemblies | Where-Object Name -EQ 'Microsoft.Identity.Client')
        $msal | Should -HaveCount 2
        $theirs = $msal | Where-Object Version -EQ '4.61.3.0'
        $theirs.Context | Should -Be 'Default'
        $theirs.Location | Should -Be $other.Msal
        $ours = $msal | Where-Object Version -EQ '4.92.0.0'
        $ours.Context | Should -Be 'PrivacyServices'
        $ours.Location | Should -Be (Join-Path $dependencies 'Microsoft.Identity.Client.dll')

        $abstractions = @($assemblies | Where-Object Name -EQ 'Microsoft.IdentityModel.Abstractions')
        ($abstractions | Where-Object Context -EQ 'Default').Version | Should -Be '6.35.0.0'
        ($abstractions | Where-Object Context -EQ 'PrivacyServices').Location | Should -Be (Join-Path $dependencies 'Microsoft.IdentityModel.Abstractions.dll')
    }

    It 'keeps the cmdlets and Core in the default context (their types stay usable by name) and PrivacyServices.EntraId in the module''s' {
        foreach ($name in 'PrivacyServices', 'PrivacyServices.Core', 'PrivacyServices.Loader') {
            $assembly = $assemblies | Where-Object Name -EQ $name
            $assembly.Context | Should -Be 'Default' -Because $name
            $assembly.Location | Should -Be (Join-Path $moduleFolder "$name.dll")
        }

        ($assemblies | Where-Object Name -EQ 'PrivacyServices.EntraId').Context | Should -Be 'PrivacyServices'
    }

    It 'shares pwsh''s own Newtonsoft.Json 13; Add-Type -Path of 12.0.3 returns that one, and 12.0.3 loads only in a context of its own' {
        $report.NewtonsoftFromAddType | Should -Be '13.0.0.0'
        $newtonsoft = @($assemblies | Where-Object Name -EQ 'Newtonsoft.Json')
        ($newtonsoft | Where-Object Context -EQ 'Default').Location | Should -Be (Join-Path (Split-Path -Parent (Get-PowerShellPath)) 'Newtonsoft.Json.dll')
        ($newtonsoft | Where-Object Context -EQ 'OtherModule').Version | Should -Be '12.0.0.0'
        $newtonsoft | Where-Object Location -Like "$moduleFolder*" | Should -BeNullOrEmpty -Because 'the module folder''s copy is for Windows PowerShell'
    }
}
