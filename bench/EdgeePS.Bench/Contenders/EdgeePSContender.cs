using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>EdgeePS as users run it: imported through its manifest, <c>Invoke-EdgeeStream ... | ForEach-Object Text</c>.</summary>
public sealed class EdgeePSContender : PowerShellContender
{
    public EdgeePSContender()
        : base(new HostedPowerShell())
    {
        Engine.SetVariable("manifest", RepoPaths.ManifestPath);
        Engine.Run("Import-Module -Name $manifest -ErrorAction Stop");
        ReleaseBuildCheck.RequireOptimized(AppDomain.CurrentDomain.GetAssemblies().Single(assembly => assembly.GetName().Name == "EdgeePS"));
    }

    protected override string ConsumeScript =>
        "Invoke-EdgeeStream $model $prompt -ApiKey $key -BaseUrl $base | ForEach-Object Text | Out-Null";

    protected override string DeliverScript =>
        "$recorder.Start(); Invoke-EdgeeStream $model $prompt -ApiKey $key -BaseUrl $base | ForEach-Object { $recorder.Record($_.Text) }";
}
