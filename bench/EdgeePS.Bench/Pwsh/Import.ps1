# One timed Import-Module in a fresh pwsh, as Contenders/ImportProcess.cs does in a hosted engine: one other command
# first, so pwsh's own first-command costs are not counted, then the import alone; one JSON line on standard output.
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$null = Get-Module
$clock = [System.Diagnostics.Stopwatch]::new()
# The clock's members are bound once here, so binding them is not counted below.
$clock.Start()
$clock.Stop()
$null = $clock.Elapsed.TotalMilliseconds
$clock.Reset()
$clock.Start()
Import-Module -Name $ModulePath
$clock.Stop()
[Console]::Out.WriteLine('{"elapsedMs":' + $clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture) + '}')
