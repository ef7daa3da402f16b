#Requires -Version 7.0
<#
.SYNOPSIS
    Builds EdgeePS, stages the module next to EdgeePS.psd1, and optionally runs the tests.
.DESCRIPTION
    Does exactly what the README's dotnet commands do, for users who live in pwsh.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run the test suite after building.
    [switch] $Test
)

$ErrorActionPreference = 'Stop'
$solution = "$PSScriptRoot/EdgeePS.sln"

dotnet build $solution -c $Configuration
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)." }

if ($Test) {
    dotnet test $solution -c $Configuration --no-build
    if ($LASTEXITCODE -ne 0) { throw "Tests failed ($LASTEXITCODE)." }
}
