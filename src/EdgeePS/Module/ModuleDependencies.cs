using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EdgeePS.Module
{
    /// <summary>
    /// The assemblies EdgeePS ships for itself, in the dependencies/ folder beside EdgeePS.dll. The folder is out of
    /// the engine's reach on purpose: nothing loads from it but the edition's resolver, and only for what is listed here.
    /// </summary>
    internal static class ModuleDependencies
    {
        internal static readonly string Folder =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleDependencies).Assembly.Location)!, "dependencies");

        private static readonly Lazy<Dictionary<string, AssemblyName>> shipped = new Lazy<Dictionary<string, AssemblyName>>(ReadFolder);

        /// <summary>The identity of the shipped assembly named <paramref name="simpleName"/>, or null if EdgeePS ships none.</summary>
        internal static AssemblyName? Find(string? simpleName) =>
            simpleName is not null && shipped.Value.TryGetValue(simpleName, out var name) ? name : null;

        internal static string PathOf(AssemblyName shippedName) => Path.Combine(Folder, shippedName.Name + ".dll");

        private static Dictionary<string, AssemblyName> ReadFolder() =>
            Directory.Exists(Folder)
                ? Directory.EnumerateFiles(Folder, "*.dll")
                    .Select(AssemblyName.GetAssemblyName)
                    .ToDictionary(name => name.Name!, StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
    }
}
