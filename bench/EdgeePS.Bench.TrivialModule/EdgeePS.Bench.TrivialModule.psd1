# The trivial module imported the way EdgeePS is: through a manifest, which the engine must read and validate.
# Measured beside the bare assembly, it shows what a manifest costs any module.
@{
    RootModule        = 'EdgeePS.Bench.TrivialModule.dll'
    ModuleVersion     = '0.1.0'
    GUID              = '9e3c6a51-0f4b-4a7e-8d2c-5b1f7e6a3c90'
    Author            = 'EdgeePS contributors'
    Description       = 'A binary module with one no-op cmdlet: the EdgeePS benchmark''s import-time reference.'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-BenchNothing')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
