using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// The test project references EdgeePS without copying it, so the core unit tests and the PowerShell engine
/// (which loads it through Import-Module) share one assembly: the staged file in module/core. Two copies would
/// give two sets of types and tests that pass against a file users never get.
/// </summary>
internal static class StagedModuleResolver
{
#pragma warning disable CA2255 // A test assembly has no entry point; this is the only hook that runs before any test touches EdgeePS.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => AssemblyLoadContext.Default.Resolving += ResolveFromStagedModule;

    private static Assembly? ResolveFromStagedModule(AssemblyLoadContext context, AssemblyName name)
    {
        var candidate = Path.Combine(ModulePaths.CoreModuleDirectory, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
