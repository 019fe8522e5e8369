<#
The fenced code blocks of the repository's markdown, for the documentation tests (tests/Pester/Docs.Tests.ps1) and
Update-DocExample.ps1.

A guide shows a runnable example file by embedding it: the line right before the fence names the file, relative to the
markdown file, and the block must hold exactly the file's text (line ends aside):

    <!-- example: examples/Emulator.Tests.ps1 -->
    ```powershell
    …the file's text…
    ```

The tests run the example files, and fail when a block and its file differ, so the guide shows the code that ran.
#>

Set-StrictMode -Version Latest

$script:ExampleMarker = '^<!--\s*example:\s*(?<path>\S+)\s*-->\s*$'

function Get-MarkdownCodeBlock {
    <#
    .SYNOPSIS
        The fenced code blocks of markdown files: Path, Line (of the opening fence), Language (lower case, '' when none),
        Text (LF line ends, no final newline), and Example (the full path named by an example marker, or $null).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string[]] $Path
    )

    process {
        foreach ($file in $Path) {
            $lines = @((Get-Content -LiteralPath $file -Raw -Encoding utf8) -split '\r?\n')
            $open = $null
            $body = [Collections.Generic.List[string]]::new()
            for ($i = 0; $i -lt $lines.Count; $i++) {
                $line = $lines[$i]
                if ($null -eq $open) {
                    if ($line -match '^(?<indent> {0,3})(?<fence>```+|~~~+)\s*(?<language>[^\s`]*)') {
                        $open = @{ Fence = $Matches.fence; Language = $Matches.language.ToLowerInvariant(); Line = $i + 1; Example = $null }
                        $body.Clear()
                        if ($i -gt 0 -and $lines[$i - 1] -match $script:ExampleMarker) {
                            $open.Example = [IO.Path]::GetFullPath((Join-Path (Split-Path -Parent $file) $Matches.path))
                        }
                    }
                }
                elseif ($line -match "^ {0,3}$([regex]::Escape($open.Fence))\s*$") {
                    [pscustomobject]@{
                        PSTypeName = 'PrivacyServices.Docs.CodeBlock'
                        Path       = $file
                        Line       = $open.Line
                        Language   = $open.Language
                        Text       = $body -join "`n"
                        Example    = $open.Example
                    }
                    $open = $null
                }
                else {
                    $body.Add($line)
                }
            }

            if ($null -ne $open) {
                throw "${file}: the code block opened on line $($open.Line) is never closed."
            }
        }
    }
}

function Get-MarkdownExampleMarker {
    <# Every example marker of a markdown file, with its line number and the full path it names, whatever follows it. #>
    param([Parameter(Mandatory)] [string] $Path)

    $lines = @((Get-Content -LiteralPath $Path -Raw -Encoding utf8) -split '\r?\n')
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match $script:ExampleMarker) {
            [pscustomobject]@{ Path = $Path; Line = $i + 1; Example = [IO.Path]::GetFullPath((Join-Path (Split-Path -Parent $Path) $Matches.path)) }
        }
    }
}

function Get-NormalizedText {
    <# A text file's content with LF line ends and no final newline: what an embedded block must equal. #>
    param([Parameter(Mandatory)] [string] $Path)

    ((Get-Content -LiteralPath $Path -Raw -Encoding utf8) -replace '\r\n', "`n").TrimEnd("`n")
}

Export-ModuleMember -Function Get-MarkdownCodeBlock, Get-MarkdownExampleMarker, Get-NormalizedText
