#if NET
using System.Reflection;
using System.Runtime.Loader;

namespace EdgeePS.Module
{
    /// <summary>
    /// The load context of EdgeePS's own dependencies on PowerShell 7, apart from the one every module shares, so
    /// another module's copy of the same assembly, at another version, lives beside ours instead of clashing with it.
    /// Anything it does not ship comes from the default context, as for any assembly.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        internal static readonly DependencyLoadContext Instance = new DependencyLoadContext();

        private DependencyLoadContext()
            : base("EdgeePS")
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            ModuleDependencies.Find(assemblyName.Name) is { } shipped ? LoadFromAssemblyPath(ModuleDependencies.PathOf(shipped)) : null;
    }
}
#endif
