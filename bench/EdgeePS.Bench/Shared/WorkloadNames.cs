namespace EdgeePS.Bench.Shared;

public static class WorkloadNames
{
    public static string ToArgument(Workload workload) => workload.ToString().ToLowerInvariant();

    public static Workload Parse(string argument) =>
        Enum.TryParse<Workload>(argument, ignoreCase: true, out var workload) && Enum.IsDefined(workload)
            ? workload
            : throw new ArgumentException($"Unknown workload '{argument}'; expected one of: {string.Join(", ", Enum.GetNames<Workload>()).ToLowerInvariant()}.");
}
