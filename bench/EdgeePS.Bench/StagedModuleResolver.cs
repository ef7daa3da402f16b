using System.Reflection;
using System.Runtime.Loader;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench;

/// <summary>
/// The benchmark compiles against EdgeePS but does not copy it: EdgeePS.dll is loaded from module/core, the file
/// Import-Module loads, so the pipeline floor writes exactly the StreamChunk type that EdgeePS writes.
/// </summary>
internal static class StagedModuleResolver
{
    public static void Install() => AssemblyLoadContext.Default.Resolving += ResolveFromStagedModule;

    private static Assembly? ResolveFromStagedModule(AssemblyLoadContext context, AssemblyName name)
    {
        var candidate = Path.Combine(RepoPaths.CoreModuleDirectory, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
