<#
.SYNOPSIS
    Turns the help pages into the files Get-Help reads: docs/cmdlets/*.md → PrivacyServices.dll-Help.xml (MAML) and
    docs/about_PrivacyServices.md → about_PrivacyServices.help.txt, both in -OutputPath.
.DESCRIPTION
    build.ps1 -Task Help runs this with -OutputPath <repo>/en-US; the generated files are committed there, so that
    'dotnet build' without pwsh still ships a module with help (the module project copies en-US/** into the module folder).
    tests/Pester/Help.Tests.ps1 runs it into a temporary folder and fails when the result differs from the committed files.

    Cmdlet help: Microsoft.PowerShell.PlatyPS 1.0.3, Import-MarkdownCommandHelp → Export-MamlCommandHelp, then one fix-up of
    the examples. platyPS 1.0.3 writes every example as its markdown text, fences included, into <maml:introduction>, leaves
    <dev:code> empty and marks blank lines with U+0080 paragraphs (PowerShell/platyPS#792 and #799, "by design"): Get-Help then
    shows ``` fences and a control character, and (Get-Help X).examples.example.code is empty. So the example's markdown is
    put back together (the U+0080 markers become the blank lines they stand for), its first ```powershell block becomes
    <dev:code>, the rest (text before and after it, ```Output blocks without their fences) one <dev:remarks> paragraph with
    blank lines between the blocks, and the introduction the "PS > " prompt: the layout of PowerShell's own help. The empty "Online Version" link platyPS adds is dropped, and RELATED LINKS to other pages (relative
    .md paths) keep only their names.

    About topic: platyPS 1.0.3 has no about-topic cmdlets, so ConvertTo-AboutHelpText below converts the page:
      # about_X          → TOPIC / about_X
      ## Heading         → HEADING (upper case, column 0)
      ### Heading        → Heading, underlined with dashes, column 2
      paragraphs, lists  → re-wrapped at 80 columns, indented 4 (list items "- ", continuation lines 6)
      ```fenced code```  → verbatim, indented 8, without the fences
      inline markdown    → `code` and **bold** lose their marks; [text](url) becomes "text (url)"
      <!-- comments -->  → dropped
    Tables are not used in the about page; a table line would be copied verbatim, indented 4.
.EXAMPLE
    pwsh docs/tools/Build-Help.ps1 -OutputPath ./en-US
#>
[CmdletBinding()]
param(
    # The folder for PrivacyServices.dll-Help.xml and about_PrivacyServices.help.txt (created when missing).
    [Parameter(Mandatory)]
    [string] $OutputPath,

    # The docs folder (default: the one this script is in).
    [string] $DocsPath = (Split-Path -Parent $PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$platyPSVersion = '1.0.3'
$mamlFileName = 'PrivacyServices.dll-Help.xml'
$aboutName = 'about_PrivacyServices'

function Import-PlatyPS {
    # Another platyPS version may write other MAML, and the committed files would no longer match what the tests regenerate.
    $module = Get-Module Microsoft.PowerShell.PlatyPS -ListAvailable | Where-Object Version -EQ ([version] $platyPSVersion) | Select-Object -First 1
    if (-not $module) {
        throw "Microsoft.PowerShell.PlatyPS $platyPSVersion is not installed. Run 'pwsh ./build.ps1 -Task Help' (it installs it), or " +
              "Install-PSResource Microsoft.PowerShell.PlatyPS -Version $platyPSVersion."
    }

    Import-Module $module -Force
}

function Export-CommandHelp {
    param([string] $Destination)

    $pages = @(Get-ChildItem -LiteralPath (Join-Path $DocsPath 'cmdlets') -Filter '*-*.md' | Sort-Object Name)
    if (-not $pages) {
        throw "No cmdlet pages in $(Join-Path $DocsPath 'cmdlets')."
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('privacyservices-maml-' + [guid]::NewGuid().ToString('N'))
    try {
        $help = $pages | ForEach-Object { Import-MarkdownCommandHelp -Path $_.FullName }
        $null = $help | Export-MamlCommandHelp -OutputFolder $work -Force
        $exported = Get-ChildItem -LiteralPath $work -Recurse -Filter $mamlFileName | Select-Object -First 1
        if (-not $exported) {
            throw "Export-MamlCommandHelp wrote no $mamlFileName (is 'external help file' in the pages' front matter $mamlFileName?)."
        }

        $document = [xml]::new()
        $document.PreserveWhitespace = $true
        $document.Load($exported.FullName)
        Repair-Example $document
        Repair-RelatedLink $document
        Add-DefaultValue $document $help
        Remove-InlineMarkdown $document
        Save-Xml $document (Join-Path $Destination $mamlFileName)
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
    }
}

$mamlNamespace = 'http://schemas.microsoft.com/maml/2004/10'
$devNamespace = 'http://schemas.microsoft.com/maml/dev/2004/10'
$commandNamespace = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$blankMarker = [string][char]0x80

function Get-Namespaces([xml] $Document) {
    $namespaces = [Xml.XmlNamespaceManager]::new($Document.NameTable)
    $namespaces.AddNamespace('maml', $mamlNamespace)
    $namespaces.AddNamespace('dev', $devNamespace)
    $namespaces.AddNamespace('command', $commandNamespace)
    , $namespaces
}

function Repair-Example([xml] $Document) {
    $namespaces = Get-Namespaces $Document
    foreach ($example in $Document.SelectNodes('//command:example', $namespaces)) {
        $introduction = $example.SelectSingleNode('maml:introduction', $namespaces)
        $title = $example.SelectSingleNode('maml:title', $namespaces).InnerText
        # platyPS split the example's markdown at blank lines (also inside fenced blocks) and marked each blank line
        # with a U+0080 paragraph: joining the paragraphs back gives the markdown, which is then split into blocks again.
        $markdown = @($introduction.SelectNodes('maml:para', $namespaces) | ForEach-Object { $_.InnerText.Replace($blankMarker, '') }) -join "`n"
        $code = $null
        $remarks = [Collections.Generic.List[string]]::new()
        foreach ($block in Split-MarkdownBlock $markdown) {
            if ($null -eq $code -and $block.Language -in 'powershell', 'ps1') {
                $code = $block.Text
            }
            else {
                $remarks.Add($block.Text)
            }
        }

        if ($null -eq $code) {
            throw "Example '$title' has no ``````powershell block."
        }

        Set-Paragraphs $introduction @('PS > ')
        $example.SelectSingleNode('dev:code', $namespaces).InnerText = $code
        # One paragraph with blank lines between the blocks: Get-Help shows it as written. The empty paragraph after it is the
        # blank line before the next example.
        Set-Paragraphs $example.SelectSingleNode('dev:remarks', $namespaces) @(($remarks -join "`n`n"), '')
    }
}

# platyPS 1.0.3 reads each parameter's DefaultValue from the page but writes no <dev:defaultValue>, so Get-Help showed no
# defaults: it is added after the parameter's <dev:type> (a blank value, '' or None stays out, as PowerShell's own help does).
function Add-DefaultValue([xml] $Document, [object[]] $Help) {
    $namespaces = Get-Namespaces $Document
    foreach ($page in $Help) {
        foreach ($parameter in $page.Parameters | Where-Object { "$($_.DefaultValue)" -notin '', 'None', "''" }) {
            $path = "//command:command[command:details/command:name='$($page.Title)']/command:parameters/command:parameter[maml:name='$($parameter.Name)']"
            $node = $Document.SelectSingleNode($path, $namespaces)
            if (-not $node) {
                throw "$($page.Title): the MAML has no parameter $($parameter.Name) for its default value."
            }

            $default = $Document.CreateElement('dev', 'defaultValue', $devNamespace)
            $default.InnerText = "$($parameter.DefaultValue)"
            $type = $node.SelectSingleNode('dev:type', $namespaces)
            $null = $node.InsertAfter($default, $type)
        }
    }
}

# Console help shows paragraphs as they are: `code`, **bold** and [text](link) become plain text (code blocks stay as written).
function Remove-InlineMarkdown([xml] $Document) {
    $namespaces = Get-Namespaces $Document
    foreach ($para in @($Document.SelectNodes('//maml:para', $namespaces))) {
        foreach ($node in @($para.ChildNodes | Where-Object { $_.NodeType -eq [Xml.XmlNodeType]::Text })) {
            $text = [regex]::Replace($node.Value, '\[([^\]]+)\]\(([^)]+)\)', { param($m) if ($m.Groups[1].Value -eq $m.Groups[2].Value) { $m.Groups[1].Value } else { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } })
            $text = $text -replace '\*\*([^*]+)\*\*', '$1'
            $node.Value = $text -replace '(?<!`)`([^`\n]+)`(?!`)', '$1'
        }
    }
}

function Split-MarkdownBlock([string] $Markdown) {
    # Fenced blocks (their text without the fences, and their language) and paragraphs (text between blank lines).
    $lines = [Collections.Generic.List[string]]::new()
    $fence = $null
    foreach ($line in ($Markdown -split '\r?\n')) {
        if ($null -ne $fence) {
            if ($line -match '^```\s*$') {
                [pscustomobject]@{ Language = $fence; Text = $lines -join "`n" }
                $lines.Clear()
                $fence = $null
            }
            else {
                $lines.Add($line)
            }
        }
        elseif ($line -match '^```(\S*)') {
            if ($lines.Count) { [pscustomobject]@{ Language = ''; Text = $lines -join "`n" }; $lines.Clear() }
            $fence = $Matches[1].ToLowerInvariant()
        }
        elseif ($line.Trim() -eq '') {
            if ($lines.Count) { [pscustomobject]@{ Language = ''; Text = $lines -join "`n" }; $lines.Clear() }
        }
        else {
            $lines.Add($line)
        }
    }

    if ($null -ne $fence) {
        throw "A fenced block is not closed: $($lines -join "`n")"
    }

    if ($lines.Count) { [pscustomobject]@{ Language = ''; Text = $lines -join "`n" } }
}

function Set-Paragraphs([Xml.XmlElement] $Parent, [string[]] $Texts) {
    $Parent.RemoveAll()
    foreach ($text in $Texts) {
        $para = $Parent.OwnerDocument.CreateElement('maml', 'para', $mamlNamespace)
        if ($text -ne '') {
            $para.InnerText = $text
        }

        $null = $Parent.AppendChild($para)
    }
}

function Repair-RelatedLink([xml] $Document) {
    # The empty "Online Version" link goes; links to other pages of docs/ (relative .md paths, meaningless to Get-Help)
    # keep their names and lose the path.
    $namespaces = Get-Namespaces $Document
    foreach ($link in @($Document.SelectNodes('//maml:navigationLink', $namespaces))) {
        $uri = $link.SelectSingleNode('maml:uri', $namespaces)
        if (-not $uri.InnerText -and $link.SelectSingleNode('maml:linkText', $namespaces).InnerText -eq 'Online Version') {
            $null = $link.ParentNode.RemoveChild($link)
        }
        elseif ($uri.InnerText -and $uri.InnerText -notmatch '^https?://') {
            $uri.InnerText = ''
        }
    }
}

function Save-Xml([xml] $Document, [string] $Path) {
    # Re-indented from scratch, LF line ends and no BOM on every platform, so the committed file is the same everywhere.
    foreach ($node in @($Document.SelectNodes('//text()[normalize-space(.) = ""]'))) {
        if ($node.ParentNode.LocalName -ne 'para' -and $node.ParentNode.LocalName -ne 'code') {
            $null = $node.ParentNode.RemoveChild($node)
        }
    }

    $settings = [Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [Xml.NewLineHandling]::Replace
    $settings.Encoding = [Text.UTF8Encoding]::new($false)
    $writer = [Xml.XmlWriter]::Create($Path, $settings)
    try {
        $Document.Save($writer)
    }
    finally {
        $writer.Dispose()
    }

    # XmlWriter ends without a final newline; text files end with one.
    [IO.File]::AppendAllText($Path, "`n")
}

function ConvertTo-AboutHelpText {
    param([string] $Markdown)

    $width = 80
    $out = [Collections.Generic.List[string]]::new()
    $paragraph = [Collections.Generic.List[string]]::new()
    $inCode = $false
    $inComment = $false

    # A blank line separates blocks, but not a heading from its first block.
    function Add-Blank { if ($out.Count -gt 0 -and $out[$out.Count - 1] -notmatch '^$|^[A-Z][A-Z ]*$|^  -+$') { $out.Add('') } }

    function Format-Inline([string] $Text) {
        $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', { param($m) if ($m.Groups[1].Value -eq $m.Groups[2].Value) { $m.Groups[1].Value } else { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } })
        $Text = $Text -replace '\*\*([^*]+)\*\*', '$1'
        $Text -replace '`([^`]+)`', '$1'
    }

    function Add-Wrapped([string] $Text, [string] $FirstIndent, [string] $NextIndent) {
        $line = $FirstIndent
        $empty = $true
        foreach ($word in ((Format-Inline $Text) -split '\s+' | Where-Object { $_ })) {
            if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $width) {
                $out.Add($line)
                $line = $NextIndent + $word
            }
            else {
                $line = if ($empty) { $line + $word } else { "$line $word" }
            }

            $empty = $false
        }

        if (-not $empty) { $out.Add($line) }
    }

    function Complete-Paragraph {
        if ($paragraph.Count -eq 0) { return }
        $text = $paragraph -join ' '
        $paragraph.Clear()
        if ($text -match '^- (.*)$') {
            Add-Wrapped $Matches[1] '    - ' '      '
        }
        else {
            Add-Blank
            Add-Wrapped $text '    ' '    '
        }
    }

    foreach ($raw in ($Markdown -split '\r?\n')) {
        $line = $raw.TrimEnd()
        if ($inComment) {
            if ($line -match '-->') { $inComment = $false }
            continue
        }

        if ($inCode) {
            if ($line -match '^\s*```') {
                $inCode = $false
                $out.Add('')
            }
            else {
                $out.Add($(if ($line) { '        ' + $line } else { '' }))
            }

            continue
        }

        if ($line -match '^\s*<!--') {
            Complete-Paragraph
            if ($line -notmatch '-->') { $inComment = $true }
            continue
        }

        if ($line -match '^```') {
            Complete-Paragraph
            Add-Blank
            $inCode = $true
            continue
        }

        if ($line -match '^# (.+)$') {
            Complete-Paragraph
            $out.Add('TOPIC')
            $out.Add('    ' + $Matches[1])
            continue
        }

        if ($line -match '^## (.+)$') {
            Complete-Paragraph
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
            $out.Add($Matches[1].ToUpperInvariant())
            continue
        }

        if ($line -match '^### (.+)$') {
            Complete-Paragraph
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
            $title = Format-Inline $Matches[1]
            $out.Add('  ' + $title)
            $out.Add('  ' + ('-' * $title.Length))
            continue
        }

        if ($line -match '^\|') {
            Complete-Paragraph
            $out.Add('    ' + (Format-Inline $line))
            continue
        }

        if (-not $line) {
            Complete-Paragraph
            continue
        }

        if ($line -match '^- ') {
            Complete-Paragraph
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -notmatch '^    - |^      ') { Add-Blank }
        }

        $paragraph.Add($line.Trim())
    }

    Complete-Paragraph
    while ($out.Count -gt 0 -and $out[$out.Count - 1] -eq '') { $out.RemoveAt($out.Count - 1) }
    ($out -join "`n") + "`n"
}

function Export-AboutHelp {
    param([string] $Destination)

    $source = Join-Path $DocsPath "$aboutName.md"
    $text = ConvertTo-AboutHelpText (Get-Content -LiteralPath $source -Raw -Encoding utf8)
    # With a BOM: Windows PowerShell 5.1 then reads the dashes and ellipses as UTF-8 too.
    [IO.File]::WriteAllText((Join-Path $Destination "$aboutName.help.txt"), $text, [Text.UTF8Encoding]::new($true))
}

Import-PlatyPS
$null = New-Item -ItemType Directory -Path $OutputPath -Force
$destination = (Resolve-Path -LiteralPath $OutputPath).Path
Export-CommandHelp $destination
Export-AboutHelp $destination
Get-ChildItem -LiteralPath $destination -File | Where-Object Name -In $mamlFileName, "$aboutName.help.txt"
