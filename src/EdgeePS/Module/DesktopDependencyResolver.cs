#if !NET
using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace EdgeePS.Module
{
    /// <summary>
    /// Windows PowerShell has no System.Text.Json and honours no binding redirects, so the dependency closure ships in
    /// dependencies/ and is loaded from there by name, whatever version was asked for — but only for requests from
    /// EdgeePS or its dependencies, and only for what it ships: another module's requests are not ours to answer.
    /// Only in the netstandard2.0 build; PowerShell 7 has <c>CoreDependencyResolver</c>.
    /// </summary>
    public sealed class DesktopDependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var shipped = ModuleDependencies.Find(new AssemblyName(args.Name).Name);
            return shipped is not null && IsOurs(args.RequestingAssembly) ? Assembly.LoadFrom(ModuleDependencies.PathOf(shipped)) : null;
        }

        // The .NET Framework does not always say who asks; then the name alone decides.
        private static bool IsOurs(Assembly? requester) =>
            requester is null
            || requester == typeof(DesktopDependencyResolver).Assembly
            || (!requester.IsDynamic && string.Equals(Path.GetDirectoryName(requester.Location), ModuleDependencies.Folder, StringComparison.OrdinalIgnoreCase));
    }
}
#endif
