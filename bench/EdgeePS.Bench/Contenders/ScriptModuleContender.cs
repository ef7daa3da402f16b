using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// script-module: the way most PowerShell LLM modules stream (see ScriptModule/LlmScriptClient.psm1), imported and
/// run in the same engine. It writes content strings, so its users need no <c>ForEach-Object Text</c>.
/// </summary>
public sealed class ScriptModuleContender : PowerShellContender
{
    public ScriptModuleContender(ContenderSetup setup)
        : base(setup.NewEngine())
    {
        Engine.SetVariable("scriptModule", RepoPaths.ScriptModulePath);
        Engine.Run("Import-Module -Name $scriptModule -ErrorAction Stop");
    }

    protected override string ConsumeScript =>
        "Invoke-LlmChatStream -Model $model -Prompt $prompt -ApiKey $key -BaseUrl $base | Out-Null";

    protected override string DeliverScript =>
        "$recorder.Start(); Invoke-LlmChatStream -Model $model -Prompt $prompt -ApiKey $key -BaseUrl $base | ForEach-Object { $recorder.Record($_) }";
}
