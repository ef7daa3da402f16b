using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using EdgeePS.Module;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// The test project references EdgeePS without copying it, so the core unit tests and the PowerShell engine
/// (which loads it through Import-Module) share one assembly: the staged file in module/core. Two copies would
/// give two sets of types and tests that pass against a file users never get. EdgeePS's own dependencies are then
/// resolved the way the imported module resolves them, by the module's own registration.
/// </summary>
internal static class StagedModuleResolver
{
#pragma warning disable CA2255 // A test assembly has no entry point; this is the only hook that runs before any test touches EdgeePS.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        AssemblyLoadContext.Default.Resolving += ResolveFromStagedModule;
        RegisterModuleDependencies();
    }

    // Apart from Install, so that EdgeePS is first needed once the resolver above is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterModuleDependencies() => new CoreDependencyResolver().OnImport();

    private static Assembly? ResolveFromStagedModule(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == "EdgeePS" ? context.LoadFromAssemblyPath(Path.Combine(ModulePaths.CoreModuleDirectory, "EdgeePS.dll")) : null;
}
