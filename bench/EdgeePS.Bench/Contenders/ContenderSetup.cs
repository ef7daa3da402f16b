namespace EdgeePS.Bench.Contenders;

/// <summary>What a contender is built from in its child process: the server, and the PowerShell engine it runs in, if any.</summary>
public sealed class ContenderSetup(Uri server, Func<IReadOnlyCollection<Type>, PowerShellEngine>? engine)
{
    public Uri Server => server;

    /// <summary>A new engine for the contender's scripts, with the benchmark's <paramref name="cmdlets"/> available in it.</summary>
    public PowerShellEngine NewEngine(params Type[] cmdlets) =>
        engine is null
            ? throw new InvalidOperationException("This contender was started without a PowerShell engine (engine 'dotnet').")
            : engine(cmdlets);
}
