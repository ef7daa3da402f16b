using System.Diagnostics;
using System.Reflection;

namespace EdgeePS.Bench.Shared;

/// <summary>
/// module/core is shared with everyone who builds the repository, and <c>dotnet test</c> stages a Debug build there.
/// Timing a Debug build would be meaningless, so the contenders that load EdgeePS refuse to run on one.
/// </summary>
public static class ReleaseBuildCheck
{
    public static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    public static void RequireOptimized(Assembly assembly)
    {
        if (!IsOptimized(assembly))
        {
            throw new InvalidOperationException(
                $"{assembly.Location} is a Debug build (someone's 'dotnet build' or 'dotnet test' staged it). " +
                "Run the benchmark again: 'dotnet run -c Release' rebuilds and restages the Release build.");
        }
    }
}
