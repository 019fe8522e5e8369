# The guides' code: every ```powershell block of the documentation parses, every block that embeds an example file
# (<!-- example: examples/… --> before its fence) holds exactly that file, and the example files pass when run the way
# the guides tell users to run them: Invoke-Pester in a fresh pwsh, the module imported by name, and the emulator
# installed as a .NET tool from a package packed here (offline, from a local folder) and found on PATH.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'docs/tools/MarkdownBlocks.psm1') -Force

    $markdownFiles = @(
        Get-ChildItem -LiteralPath (Join-Path $root 'docs') -Filter '*.md' -Recurse
        Get-Item -LiteralPath (Join-Path $root 'README.md')
    )
    $powerShellBlocks = @($markdownFiles | Get-MarkdownCodeBlock | Where-Object Language -In 'powershell', 'ps1', 'pwsh' | ForEach-Object {
            @{ Name = '{0}:{1}' -f [IO.Path]::GetRelativePath($root, $_.Path).Replace('\', '/'), $_.Line; Text = $_.Text; Example = $_.Example }
        })
    $embedded = @($powerShellBlocks | Where-Object Example)
    $exampleTests = @(Get-ChildItem -LiteralPath (Join-Path $root 'docs/examples') -Filter '*.Tests.ps1' | ForEach-Object {
            @{ Name = "docs/examples/$($_.Name)"; Path = $_.FullName }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:root = Get-RepositoryRoot
    Import-Module (Join-Path $root 'docs/tools/MarkdownBlocks.psm1') -Force
}

Describe 'The PowerShell blocks of the documentation' {
    It 'finds the guides'' blocks (the azure-automation, emulator and testing guides, the cmdlet pages)' -ForEach @{ Names = $powerShellBlocks.Name } {
        foreach ($page in 'docs/azure-automation.md', 'docs/emulator.md', 'docs/testing-with-pester.md', 'docs/about_PrivacyServices.md', 'docs/cmdlets/New-PrivacyJob.md') {
            @($Names | Where-Object { $_ -like "${page}:*" }).Count | Should -BeGreaterThan 0 -Because "$page has powershell blocks"
        }
    }

    It '<Name> parses without errors' -ForEach $powerShellBlocks {
        $tokens = $null
        $parseErrors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $tokens, [ref] $parseErrors)

        $parseErrors | ForEach-Object { "block line $($_.Extent.StartLineNumber), column $($_.Extent.StartColumnNumber): $($_.Message)" } |
            Should -BeNullOrEmpty
    }

    # Windows PowerShell 5.1 is a first-class target: a block that only runs in PowerShell 7 must say so in its own text.
    It '<Name> says "PowerShell 7" when it needs it (-Parallel, ??, ?., &&, ||)' -ForEach $powerShellBlocks {
        $tokens = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $tokens, [ref] $null)
        $sevenOnly = @($tokens | Where-Object {
                $_.Text -eq '-Parallel' -or $_.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr'
            })
        if ($sevenOnly.Count -gt 0) {
            $Text | Should -Match 'PowerShell 7' -Because "it uses $($sevenOnly[0].Text), which Windows PowerShell 5.1 does not have"
        }
    }
}

Describe 'The examples embedded in the guides' {
    It '<Name> is exactly its file' -ForEach $embedded {
        $Example | Should -Exist
        $Text | Should -BeExactly (Get-NormalizedText -Path $Example) -Because "the guide must show the file that runs: run 'pwsh docs/tools/Update-DocExample.ps1'"
    }

    It 'every example file is shown in a guide, and every marker names a file before a powershell block' {
        $markers = @(Get-ChildItem -LiteralPath (Join-Path $root 'docs') -Filter '*.md' | ForEach-Object { Get-MarkdownExampleMarker -Path $_.FullName })
        $blocks = @(Get-ChildItem -LiteralPath (Join-Path $root 'docs') -Filter '*.md' | Get-MarkdownCodeBlock | Where-Object Example)
        $files = @(Get-ChildItem -LiteralPath (Join-Path $root 'docs/examples') -File | ForEach-Object FullName)

        $markers.Count | Should -Be $blocks.Count -Because 'a marker must be the line right before a fenced block'
        $blocks | Where-Object Language -NE 'powershell' | Should -BeNullOrEmpty
        $files | Where-Object { $_ -notin $blocks.Example } | Should -BeNullOrEmpty -Because 'every file in docs/examples is shown in a guide'
    }
}

Describe 'The example test files, run as the guides say' {
    BeforeAll {
        # The emulator as users install it: packed from src/PrivacyServices.Emulator (the build under test: --no-build packs
        # the configuration the suite's emulator dll was built in) and installed with dotnet tool install from that folder.
        $emulatorDll = Get-EmulatorDllPath
        $configuration = Split-Path -Leaf (Split-Path -Parent (Split-Path -Parent $emulatorDll))
        $script:dotnet = Get-DotnetPath
        $nupkg = Join-Path $TestDrive 'nupkg'
        $script:toolPath = Join-Path $TestDrive 'tools'
        $script:packOutput = & $dotnet pack (Join-Path $root 'src/PrivacyServices.Emulator') --no-build --configuration $configuration --output $nupkg --nologo 2>&1
        $script:packExitCode = $LASTEXITCODE
        $script:installOutput = & $dotnet tool install --tool-path $toolPath privacyservices-emulator --add-source $nupkg 2>&1
        $script:installExitCode = $LASTEXITCODE
        # The package lands in tools/.store (a hidden folder on Linux and macOS, hence -Force).
        $script:installedDll = Get-ChildItem -LiteralPath $toolPath -Recurse -Force -Filter 'PrivacyServices.Emulator.dll' -ErrorAction Ignore | Select-Object -First 1

        # Import-Module PrivacyServices by name finds the built module: its folder's parent goes first on PSModulePath.
        $manifest = Get-PrivacyServicesManifestPath
        $moduleFolder = Split-Path -Parent $manifest
        $script:moduleRoot = if ((Split-Path -Leaf $moduleFolder) -eq 'PrivacyServices') { Split-Path -Parent $moduleFolder } else { Split-Path -Parent (Split-Path -Parent $moduleFolder) }
        # The tool's launcher finds the .NET runtime through DOTNET_ROOT when dotnet is not installed in a default place
        # (the folder of the real dotnet, not of a symbolic link to it).
        $resolved = [IO.File]::ResolveLinkTarget($dotnet, $true)
        $script:dotnetRoot = Split-Path -Parent $(if ($resolved) { $resolved.FullName } else { $dotnet })
    }

    It 'packs and installs the emulator as a .NET tool, the one just built' {
        $packExitCode | Should -Be 0 -Because ($packOutput -join "`n")
        $installExitCode | Should -Be 0 -Because ($installOutput -join "`n")
        $installedDll | Should -Not -BeNullOrEmpty
        (Get-FileHash -LiteralPath $installedDll.FullName).Hash | Should -Be (Get-FileHash -LiteralPath (Get-EmulatorDllPath)).Hash
    }

    It '<Name> passes' -ForEach $exampleTests {
        $run = & (Get-PowerShellPath) -NoProfile -NonInteractive -Command {
            param($TestFile, $ModuleRoot, $ToolPath, $DotnetRoot)
            $env:PSModulePath = $ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
            $env:PATH = $ToolPath + [IO.Path]::PathSeparator + $env:PATH
            if (-not $env:DOTNET_ROOT) { $env:DOTNET_ROOT = $DotnetRoot }
            Import-Module Pester -MinimumVersion 5.0
            $configuration = New-PesterConfiguration
            $configuration.Run.Path = $TestFile
            $configuration.Run.PassThru = $true
            $configuration.Output.Verbosity = 'Detailed'
            $configuration.Output.RenderMode = 'Plaintext'
            $result = Invoke-Pester -Configuration $configuration
            [pscustomobject]@{
                PSTypeName = 'ExampleRun'
                Total      = $result.TotalCount
                Passed     = $result.PassedCount
                Failed     = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
                Failures   = @($result.Failed | ForEach-Object { "$($_.ExpandedPath): $($_.ErrorRecord | ForEach-Object { $_.Exception.Message })" })
            }
        } -args $Path, $moduleRoot, $toolPath, $dotnetRoot *>&1
        $summary = $run | Where-Object { $_.PSObject.TypeNames -contains 'Deserialized.ExampleRun' } | Select-Object -Last 1
        $log = ($run | Where-Object { $_ -ne $summary } | Out-String) + ($summary.Failures -join "`n")

        $summary | Should -Not -BeNullOrEmpty -Because $log
        $summary.Failed | Should -Be 0 -Because $log
        $summary.Passed | Should -Be $summary.Total -Because $log
        $summary.Passed | Should -BeGreaterThan 0
    }
}
