# The same edition loader as EdgeePS's module/EdgeePS.psm1.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
Import-Module -Name "$PSScriptRoot/$edition/EdgeePS.Bench.TrivialModule.dll"
