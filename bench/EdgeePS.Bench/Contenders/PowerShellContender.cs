using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// A contender that runs inside a PowerShell engine, hosted or pwsh's own. The stream URL and model reach the script as
/// variables, so warm-up and timed runs execute the very same script text and share the engine's compiled script blocks.
/// </summary>
public abstract class PowerShellContender : IContender
{
    protected PowerShellContender(PowerShellEngine engine)
    {
        Engine = engine;
    }

    protected PowerShellEngine Engine { get; }

    /// <summary>Reads the stream and ends in <c>Out-Null</c>: unlike <c>$null = ...</c>, which collects every object first, it discards each one as it arrives.</summary>
    protected abstract string ConsumeScript { get; }

    /// <summary>Ends in <c>ForEach-Object { $recorder.Record(...) }</c>, the last step a chunk's text takes.</summary>
    protected abstract string DeliverScript { get; }

    public virtual void Prepare(StreamTarget target)
    {
    }

    public void Consume(StreamTarget target)
    {
        SetTarget(target);
        Engine.Run(ConsumeScript);
    }

    public void Deliver(StreamTarget target, DeliveryRecorder recorder)
    {
        SetTarget(target);
        Engine.SetVariable("recorder", recorder);
        Engine.Run(DeliverScript);
    }

    public void Dispose() => Engine.Dispose();

    private void SetTarget(StreamTarget target)
    {
        Engine.SetVariable("base", target.ServerUrl.GetLeftPart(UriPartial.Authority));
        Engine.SetVariable("model", target.Model);
        Engine.SetVariable("key", BenchSettings.ApiKey);
        Engine.SetVariable("prompt", BenchSettings.Prompt);
        Engine.SetVariable("target", target);
    }
}
