namespace EdgeePS.Bench.Shared;

public static class WorkloadNames
{
    public static string ToArgument(Workload workload) => EnumArgument.ToArgument(workload);

    public static Workload Parse(string argument) => EnumArgument.Parse<Workload>(argument, "workload");
}
