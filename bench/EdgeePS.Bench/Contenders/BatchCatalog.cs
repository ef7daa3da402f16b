using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>The batch workload's contenders (Pwsh/Batch.ps1): the same prompts sent three ways, in real pwsh only.</summary>
public static class BatchCatalog
{
    public static readonly IReadOnlyList<(string Name, string Description)> Contenders =
    [
        (ContenderNames.BatchThrottle, $"`$prompts | Send-EdgeeCompletion <model> -ThrottleLimit {BenchSettings.BatchThrottle}`: one command, one runspace, answers in input order"),
        (ContenderNames.BatchParallel, $"`$prompts | ForEach-Object -ThrottleLimit {BenchSettings.BatchThrottle} -Parallel {{ Import-Module EdgeePS; Send-EdgeeCompletion <model> $_ }}`: a runspace per slot, the module imported in each"),
        (ContenderNames.BatchSequential, "`$prompts | Send-EdgeeCompletion <model>`: one prompt at a time"),
    ];

    public static bool Contains(string name) => Contenders.Any(entry => entry.Name == name);
}
