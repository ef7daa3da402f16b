# One contender's measurement in real pwsh: the benchmark's own child code (warm-up, rehearsal, timed runs, one JSON
# line on standard output), its PowerShell running in this process's runspace, where a user's commands run.
# The contenders' scripts share this script's scope (PwshRunspace), so its own names must not be theirs ($chunks...).
param(
    [Parameter(Mandatory)] [string] $BenchContender,
    [Parameter(Mandatory)] [string] $BenchWorkload,
    [Parameter(Mandatory)] [string] $BenchServer,
    [Parameter(Mandatory)] [string] $BenchChunkCount
)
$ErrorActionPreference = 'Stop'
try {
    Add-Type -Path (Join-Path (Split-Path $PSScriptRoot) 'EdgeePS.Bench.dll')
    exit [EdgeePS.Bench.Contenders.PwshChild]::RunContender($ExecutionContext.SessionState, $BenchContender, $BenchWorkload, $BenchServer, $BenchChunkCount)
}
catch {
    # The whole exception, stack included, for the report's failures.
    [Console]::Error.WriteLine($_.Exception.ToString())
    exit 1
}
