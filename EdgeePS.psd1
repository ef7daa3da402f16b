# Kept by hand: every export is listed explicitly so command discovery never has to load the assembly.
@{
    RootModule           = 'module/EdgeePS.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3c7e-2d4a-4f1e-9c8b-7a6e1d2c3b4a'
    Author               = 'EdgeePS contributors'
    CompanyName          = 'EdgeePS'
    Copyright            = '(c) EdgeePS contributors. All rights reserved.'
    Description          = 'Streams chat completions from the Edgee AI Gateway (OpenAI-compatible) straight into the PowerShell pipeline.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('module/EdgeePS.Format.ps1xml')
    TypesToProcess       = @('module/EdgeePS.Types.ps1xml')
    CmdletsToExport      = @(
        'Invoke-EdgeeStream', 'Send-EdgeeCompletion', 'Show-EdgeeStream', 'Get-EdgeeModel',
        'Connect-Edgee', 'Disconnect-Edgee', 'Get-EdgeeConfiguration',
        'Join-EdgeeStream',
        'Start-EdgeeSimulator', 'Add-EdgeeSimulatorResponse', 'Get-EdgeeSimulatorRequest', 'Stop-EdgeeSimulator',
        'New-EdgeeTool',
        'New-EdgeeChat', 'Enter-EdgeeChat'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('Edgee', 'LLM', 'AI', 'OpenAI', 'ChatCompletion', 'Streaming', 'PSEdition_Core', 'PSEdition_Desktop')
        }
    }
}
