using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using EdgeePS.Settings;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What Connect-Edgee set, kept per runspace as a script module's variables would be: parallel runspaces
    /// (ForEach-Object -Parallel, jobs) each start clean and never see another's settings.
    /// </summary>
    internal static class SessionConfiguration
    {
        private static readonly ConditionalWeakTable<Runspace, ConnectionSettings> ByRunspace = new ConditionalWeakTable<Runspace, ConnectionSettings>();

        /// <summary>The calling runspace's settings; null when Connect-Edgee was not run in it.</summary>
        public static ConnectionSettings? Current =>
            Runspace.DefaultRunspace is Runspace runspace && ByRunspace.TryGetValue(runspace, out var settings) ? settings : null;

        public static void Set(ConnectionSettings settings)
        {
            var runspace = Runspace.DefaultRunspace;
            ByRunspace.Remove(runspace);
            ByRunspace.Add(runspace, settings);
        }

        public static void Clear() => ByRunspace.Remove(Runspace.DefaultRunspace);
    }
}
