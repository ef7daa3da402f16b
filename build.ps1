#Requires -Version 7.0
<#
.SYNOPSIS
    Builds EdgeePS, stages the module next to EdgeePS.psd1, and optionally tests and packages it.
.DESCRIPTION
    Does exactly what the README's dotnet commands do, for users who live in pwsh:

        ./build.ps1                   dotnet build (stages module/core, module/desktop and their en-US help)
        ./build.ps1 -Test             ... then dotnet test: the xunit tests and every Pester suite, in pwsh
        ./build.ps1 -Package          ... then dotnet run --project tools/EdgeePS.Packager: out/EdgeePS/<version>/
        ./build.ps1 -Package -Test    ... and the Pester suites run against the package instead of the repository
.EXAMPLE
    ./build.ps1 -Package
    Publish-PSResource -Path ./out/EdgeePS/0.1.0 -Repository PSGallery -ApiKey $galleryKey
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run the test suite after building: dotnet test, which also runs tests/pester and examples/ with Pester 5 in pwsh.
    [switch] $Test,

    # Assemble the publishable module folder in out/EdgeePS/<version>/ and check that it imports.
    [switch] $Package
)

$ErrorActionPreference = 'Stop'
$solution = "$PSScriptRoot/EdgeePS.sln"

dotnet build $solution -c $Configuration
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)." }

if ($Package) {
    # Builds what it packages (both editions and the help), lays out out/EdgeePS/<version>/, then imports it.
    dotnet run --project "$PSScriptRoot/tools/EdgeePS.Packager" -c $Configuration --no-build
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed ($LASTEXITCODE)." }
}

if ($Test) {
    if ($Package) {
        # The Pester suites (run by dotnet test in pwsh) import whatever this names: here, the package just made.
        $env:EDGEEPS_MANIFEST = (Get-ChildItem -Path "$PSScriptRoot/out/EdgeePS/*/EdgeePS.psd1").FullName
    }

    try {
        # The xunit tests and, each in a fresh pwsh, every Pester suite of tests/pester and examples/.
        dotnet test $solution -c $Configuration --no-build
        if ($LASTEXITCODE -ne 0) { throw "Tests failed ($LASTEXITCODE)." }
    }
    finally {
        Remove-Item -Path Env:EDGEEPS_MANIFEST -ErrorAction SilentlyContinue
    }
}
