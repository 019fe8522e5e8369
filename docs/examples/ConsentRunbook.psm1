# A runbook's logic as a script module: the runbook itself only connects and calls Sync-OptOutFile, and the tests
# (ConsentRunbook.Tests.ps1, ConsentRunbook.Integration.Tests.ps1) call it the same way.

function Sync-OptOutFile {
    <#
    .SYNOPSIS
        Downloads the LiveRamp opt-out files created after -Since into -Path, and reports what it did.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [datetimeoffset] $Since,

        [Parameter(Mandatory)]
        [string] $Path
    )

    $files = @(Get-ConsentFile -RequestType OPT_OUT -CreatedAfter $Since)
    $saved = @($files | Save-ConsentFile -Path $Path)
    [pscustomobject]@{
        Listed     = $files.Count
        Downloaded = $saved.Count
        # The next run's -Since: the newest file seen, or the same -Since when there was none.
        Newest     = if ($files) { ($files | Sort-Object CreatedAt | Select-Object -Last 1).CreatedAt } else { $Since }
    }
}

Export-ModuleMember -Function Sync-OptOutFile
