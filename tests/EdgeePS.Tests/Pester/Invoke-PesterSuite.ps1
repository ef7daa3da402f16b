<#
.SYNOPSIS
    Runs one Pester suite and writes what happened to each test as JSON, for PesterSuiteTests.
.DESCRIPTION
    Started by the xunit tests in a fresh `pwsh -NoProfile` process. Knows nothing of how a suite sets itself up
    (its gateway, which module copy it imports): it only runs the file and reports, so any suite placed in
    tests/pester or examples/ is run the same way.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
# The output ends up in a test report, not on a terminal.
$PSStyle.OutputRendering = 'PlainText'
Import-Module -Name $PesterManifest

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$run = Invoke-Pester -Configuration $configuration
$pesterFolder = (Get-Module -Name Pester).ModuleBase

function Get-ErrorText($Records) {
    @($Records | ForEach-Object {
            $message = if ($_.DisplayErrorMessage) { $_.DisplayErrorMessage } else { $_.Exception.Message }
            # A failed Should names the file and line it stands on; anything else has its script stack.
            $where = if ($_.TargetObject -and $_.TargetObject.File) { "at $($_.TargetObject.File):$($_.TargetObject.Line)" } else {
                @($_.ScriptStackTrace -split "`n" | Where-Object { -not $_.Contains($pesterFolder) }) -join "`n"
            }
            "$message`n$where".Trim()
        }) -join "`n"
}

[pscustomobject]@{
    PesterVersion = (Get-Module -Name Pester).Version.ToString()
    PSVersion     = $PSVersionTable.PSVersion.ToString()
    Result        = "$($run.Result)"
    # A suite that fails before its tests (a syntax error, a throwing BeforeAll at file level) fails its container.
    Containers    = @($run.Containers | ForEach-Object {
            [pscustomobject]@{ Item = "$($_.Item)"; Result = "$($_.Result)"; Error = Get-ErrorText $_.ErrorRecord }
        })
    FailedBlocks  = @($run.FailedBlocks | ForEach-Object {
            [pscustomobject]@{ Name = $_.ExpandedPath; Error = Get-ErrorText $_.ErrorRecord }
        })
    Tests         = @($run.Tests | ForEach-Object {
            [pscustomobject]@{ Name = $_.ExpandedPath; Result = "$($_.Result)"; Error = Get-ErrorText $_.ErrorRecord }
        })
} | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath -Encoding utf8
