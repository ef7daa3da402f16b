#if !NET
using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace EdgeePS.Module
{
    /// <summary>
    /// Windows PowerShell has no System.Text.Json and honours no binding redirects, so the dependency
    /// closure ships in dependencies/ and is loaded by name here, whatever version was asked for.
    /// Only in the netstandard2.0 build: PowerShell 7 resolves everything from the runtime.
    /// </summary>
    public sealed class DesktopDependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(DesktopDependencyResolver).Assembly.Location)!, "dependencies");

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
#endif
