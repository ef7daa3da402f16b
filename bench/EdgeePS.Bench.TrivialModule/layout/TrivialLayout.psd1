# The trivial module laid out the way EdgeePS is (EdgeePS.psd1 and module/): a manifest at the top, an edition loader,
# the assembly in module/core beside a dependencies folder, a format file and a types file. Its import is the import
# target's reference: what the shape costs any module, so what EdgeePS adds beyond it is its own.
@{
    RootModule           = 'module/TrivialLayout.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f6d2b8e-7c41-4e05-a9d3-1b2c4e6f8a07'
    Author               = 'EdgeePS contributors'
    Description          = 'The EdgeePS benchmark''s import-time reference, laid out as EdgeePS is.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('module/TrivialLayout.Format.ps1xml')
    TypesToProcess       = @('module/TrivialLayout.Types.ps1xml')
    CmdletsToExport      = @('Get-BenchNothing')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
}
