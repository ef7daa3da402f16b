using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// The simulators each runspace started, so they stop with it: when the runspace closes (the end of a
    /// ForEach-Object -Parallel block, pwsh exiting) or removes the module, nothing is left listening.
    /// </summary>
    internal static class RunspaceSimulators
    {
        private static readonly ConditionalWeakTable<Runspace, List<Simulator>> ByRunspace = new ConditionalWeakTable<Runspace, List<Simulator>>();

        public static void Add(Simulator simulator)
        {
            if (simulator.Owner is null)
            {
                return;
            }

            var created = false;
            var simulators = ByRunspace.GetValue(simulator.Owner, _ =>
            {
                created = true;
                return new List<Simulator>();
            });
            if (created)
            {
                simulator.Owner.StateChanged += StopWhenClosed;
            }

            lock (simulators)
            {
                simulators.Add(simulator);
            }
        }

        /// <summary>Stops <paramref name="simulator"/> and forgets it.</summary>
        public static void Stop(Simulator simulator)
        {
            simulator.Gateway.Dispose();
            if (simulator.Owner != null && ByRunspace.TryGetValue(simulator.Owner, out var simulators))
            {
                lock (simulators)
                {
                    simulators.Remove(simulator);
                }
            }
        }

        public static void StopAll(Runspace? runspace)
        {
            if (runspace is null || !ByRunspace.TryGetValue(runspace, out var simulators))
            {
                return;
            }

            Simulator[] running;
            lock (simulators)
            {
                running = simulators.ToArray();
                simulators.Clear();
            }

            foreach (var simulator in running)
            {
                simulator.Gateway.Dispose();
            }
        }

        private static void StopWhenClosed(object? sender, RunspaceStateEventArgs e)
        {
            var state = e.RunspaceStateInfo.State;
            if (state == RunspaceState.Closed || state == RunspaceState.Broken)
            {
                StopAll(sender as Runspace);
            }
        }
    }
}
