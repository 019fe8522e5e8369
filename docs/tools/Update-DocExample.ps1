<#
.SYNOPSIS
    Copies each example file (docs/examples/*) into the guide blocks that embed it, after you changed the file.
.DESCRIPTION
    A block embeds a file when the line before its opening fence is <!-- example: <path relative to the guide> -->
    (see MarkdownBlocks.psm1). tests/Pester/Docs.Tests.ps1 fails while a block and its file differ, and runs the files.
.EXAMPLE
    pwsh docs/tools/Update-DocExample.ps1
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # The markdown files to update (default: docs/*.md).
    [string[]] $Path = @(Get-ChildItem -LiteralPath (Split-Path -Parent $PSScriptRoot) -Filter '*.md' | ForEach-Object FullName)
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'MarkdownBlocks.psm1') -Force -Verbose:$false

foreach ($file in $Path) {
    $blocks = @(Get-MarkdownCodeBlock -Path $file | Where-Object Example)
    if (-not $blocks) {
        continue
    }

    $lines = [Collections.Generic.List[string]]::new([string[]]((Get-Content -LiteralPath $file -Raw -Encoding utf8) -split '\r?\n'))
    # From the last block up, so that earlier line numbers stay right.
    foreach ($block in $blocks | Sort-Object Line -Descending) {
        $wanted = Get-NormalizedText -Path $block.Example
        if ($block.Text -ceq $wanted) {
            continue
        }

        $bodyLines = if ($block.Text) { @($block.Text -split "`n").Count } else { 0 }
        $lines.RemoveRange($block.Line, $bodyLines)
        $lines.InsertRange($block.Line, [string[]]($wanted -split "`n"))
        Write-Verbose "${file}:$($block.Line): replaced with $($block.Example)."
    }

    $text = $lines -join "`n"
    if ($text -cne ((Get-Content -LiteralPath $file -Raw -Encoding utf8) -replace '\r\n', "`n") -and $PSCmdlet.ShouldProcess($file, 'Update embedded examples')) {
        [IO.File]::WriteAllText($file, $text, [Text.UTF8Encoding]::new($false))
    }
}
