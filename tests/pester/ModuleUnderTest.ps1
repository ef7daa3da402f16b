<#
.SYNOPSIS
    Which EdgeePS the Pester suites test. Dot-source this file in BeforeAll, then import (Get-EdgeePSManifestPath).
#>

function Get-EdgeePSManifestPath {
    <#
    .SYNOPSIS
        The manifest under test: $env:EDGEEPS_MANIFEST (e.g. a packaged module) or the repository's EdgeePS.psd1.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:EDGEEPS_MANIFEST) { $env:EDGEEPS_MANIFEST } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../EdgeePS.psd1") }
}
