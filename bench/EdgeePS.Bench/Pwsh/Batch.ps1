# One batch contender in real pwsh (the batch workload, issue 13): the same prompts sent three ways, each answered by
# the bench server after a fixed delay. A short warm-up batch against an undelayed model first, so JIT and connection
# set-up are not timed (ForEach-Object -Parallel still imports the module in each new runspace of the timed run: that is
# what it costs a user); then the timed batch, its answers checked; one JSON line on standard output.
param(
    [Parameter(Mandatory)] [string] $BenchContender,
    [Parameter(Mandatory)] [string] $ManifestPath,
    [Parameter(Mandatory)] [string] $BenchServer,
    [Parameter(Mandatory)] [int] $Prompts,
    [Parameter(Mandatory)] [int] $Throttle,
    [Parameter(Mandatory)] [int] $DelayMs
)
$ErrorActionPreference = 'Stop'
try {
    Import-Module -Name $ManifestPath
    $base = ([uri]$BenchServer).GetLeftPart([System.UriPartial]::Authority)
    $key = 'bench-key'

    function Invoke-BenchBatch([string] $Model, [int] $Count) {
        $inputs = 1..$Count | ForEach-Object { "prompt $_" }
        switch ($BenchContender) {
            'batch-throttle' {
                $inputs | Send-EdgeeCompletion $Model -ThrottleLimit $Throttle -ApiKey $key -BaseUrl $base | ForEach-Object Text
            }
            'batch-parallel' {
                $inputs | ForEach-Object -ThrottleLimit $Throttle -Parallel {
                    Import-Module -Name $using:ManifestPath
                    (Send-EdgeeCompletion $using:Model $_ -ApiKey $using:key -BaseUrl $using:base).Text
                }
            }
            'batch-sequential' {
                $inputs | Send-EdgeeCompletion $Model -ApiKey $key -BaseUrl $base | ForEach-Object Text
            }
            default { throw "Unknown batch contender '$BenchContender'." }
        }
    }

    function Assert-BenchAnswers([string[]] $Texts, [int] $Count) {
        $expected = 1..$Count | ForEach-Object { "answer prompt $_" }
        # ForEach-Object -Parallel writes in completion order; the others must keep the input's.
        $got = if ($BenchContender -eq 'batch-parallel') { $Texts | Sort-Object { [int]($_ -replace '\D', '') } } else { $Texts }
        if ($got.Count -ne $Count -or (Compare-Object $expected $got -SyncWindow 0)) {
            throw "$BenchContender returned $($Texts.Count) answer(s), not the $Count expected in order."
        }
    }

    Assert-BenchAnswers @(Invoke-BenchBatch 'batch-0' (2 * $Throttle)) (2 * $Throttle)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $texts = @(Invoke-BenchBatch "batch-$DelayMs" $Prompts)
    $clock.Stop()
    Assert-BenchAnswers $texts $Prompts
    [Console]::Out.WriteLine('{"contender":"' + $BenchContender + '","workload":"batch","chunks":' + $texts.Count + ',"elapsedMs":' + $clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture) + '}')
}
catch {
    [Console]::Error.WriteLine($_.Exception.ToString())
    exit 1
}
