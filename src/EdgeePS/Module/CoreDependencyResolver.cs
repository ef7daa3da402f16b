#if NET
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace EdgeePS.Module
{
    /// <summary>
    /// On PowerShell 7, EdgeePS.dll sits in the default load context (its types cross into PowerShell), while what it
    /// ships in dependencies/ loads into <see cref="DependencyLoadContext"/>. The default context asks here only when
    /// it cannot serve a request itself: when the runtime has no such assembly (System.Net.ServerSentEvents before
    /// .NET 9), or only a lower version (.NET 9 against our 10.0), or another module loaded a lower version first.
    /// A runtime or module copy of the same or a higher version serves EdgeePS as it is.
    /// </summary>
    public sealed class CoreDependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        // Every runspace that imports the module adds the handler once and removes it once, so the others keep theirs.
        public void OnImport() => AssemblyLoadContext.Default.Resolving += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= Resolve;

        /// <summary>Our copy for a request of exactly what we ship (name, version, key); null for anything else, which is not ours to answer.</summary>
        internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
        {
            var shipped = ModuleDependencies.Find(requested.Name);
            return shipped is not null && requested.Version == shipped.Version && SameKey(requested, shipped)
                ? DependencyLoadContext.Instance.LoadFromAssemblyName(shipped)
                : null;
        }

        private static bool SameKey(AssemblyName requested, AssemblyName shipped) =>
            (requested.GetPublicKeyToken() ?? []).SequenceEqual(shipped.GetPublicKeyToken() ?? []);
    }
}
#endif
