# PowerShell 7 loads the net8.0 build, which uses the runtime's own System.Text.Json;
# Windows PowerShell loads the netstandard2.0 build, whose dependencies ship in desktop/dependencies.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
Import-Module -Name "$PSScriptRoot/$edition/EdgeePS.dll"
