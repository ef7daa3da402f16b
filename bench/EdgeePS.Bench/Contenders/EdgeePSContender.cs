using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// EdgeePS as users run it: imported through its manifest, <c>Invoke-EdgeeStream ... | ForEach-Object Text</c>; or,
/// for the breakdown, into <c>| Out-Null</c> alone, which leaves out what <c>ForEach-Object</c> costs.
/// </summary>
public sealed class EdgeePSContender : PowerShellContender
{
    private readonly bool forEachText;

    public EdgeePSContender(ContenderSetup setup, bool forEachText)
        : base(setup.NewEngine())
    {
        this.forEachText = forEachText;
        Engine.SetVariable("manifest", RepoPaths.ManifestPath);
        Engine.Run("Import-Module -Name $manifest -ErrorAction Stop");
        ReleaseBuildCheck.RequireOptimized(AppDomain.CurrentDomain.GetAssemblies().Single(assembly => assembly.GetName().Name == "EdgeePS"));
    }

    protected override string ConsumeScript => forEachText
        ? "Invoke-EdgeeStream $model $prompt -ApiKey $key -BaseUrl $base | ForEach-Object Text | Out-Null"
        : "Invoke-EdgeeStream $model $prompt -ApiKey $key -BaseUrl $base | Out-Null";

    protected override string DeliverScript =>
        "$recorder.Start(); Invoke-EdgeeStream $model $prompt -ApiKey $key -BaseUrl $base | ForEach-Object { $recorder.Record($_.Text) }";
}
