# Every PowerShell file of the repository parses: a broken sample or test file fails here with its line and message,
# not later in a user's session.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $skipped = 'bin', 'obj', '.git', '.vs', 'node_modules', 'TestResults'

    function Find-PowerShellFile([string] $Directory) {
        foreach ($item in Get-ChildItem -LiteralPath $Directory -Force) {
            if ($item.PSIsContainer) {
                $isRootOut = $item.Name -eq 'out' -and $Directory -eq $root
                if ($item.Name -notin $skipped -and -not $isRootOut) { Find-PowerShellFile $item.FullName }
            }
            elseif ($item.Extension -in '.ps1', '.psm1', '.psd1') {
                @{ Path = $item.FullName; Name = [IO.Path]::GetRelativePath($root, $item.FullName).Replace('\', '/') }
            }
        }
    }

    $files = @(Find-PowerShellFile $root)
}

Describe 'PowerShell files of the repository' {
    It 'finds them all (the manifest, build.ps1, the quickstart, these tests)' -ForEach @{ Names = $files.Name } {
        $Names | Should -Contain 'PrivacyServices.psd1'
        $Names | Should -Contain 'build.ps1'
        $Names | Should -Contain 'samples/QuickStart.ps1'
        $Names | Should -Contain 'tests/Pester/Repository.Tests.ps1'
        $Names | Where-Object { $_ -match '(^|/)(bin|obj|out)/' } | Should -BeNullOrEmpty
    }

    It '<Name> parses without errors' -ForEach $files {
        $tokens = $null
        $parseErrors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $parseErrors)

        $parseErrors | ForEach-Object { "line $($_.Extent.StartLineNumber), column $($_.Extent.StartColumnNumber): $($_.Message)" } |
            Should -BeNullOrEmpty
    }
}
