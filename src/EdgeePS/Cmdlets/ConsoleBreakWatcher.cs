using System;
using System.Management.Automation.Host;
using System.Threading;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Lets Ctrl+C stop one answer of Enter-EdgeeChat instead of the whole command. The console host turns Ctrl+C into
    /// stopping the pipeline, which no command survives; so while an answer streams, the console takes Ctrl+C as a key
    /// (<see cref="Console.TreatControlCAsInput"/>) and a thread of its own watches the keys for it, cancelling the
    /// answer when it comes. Other keys pressed meanwhile are dropped. Disposing puts the console back as it was, so at
    /// the prompt Ctrl+C stops the command as ever. Only in the console host with a console to read: elsewhere
    /// (a hosted runspace, input redirected) there is no key to watch, and Ctrl+C stops the command.
    /// </summary>
    internal sealed class ConsoleBreakWatcher : IDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
        private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(1);

        private readonly CancellationTokenSource _answer;
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim();
        private readonly Thread _thread;
        private readonly bool _controlCWasInput;

        private ConsoleBreakWatcher(CancellationTokenSource answer)
        {
            _answer = answer;
            _controlCWasInput = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true;
            _thread = new Thread(Watch) { IsBackground = true, Name = "EdgeePS Ctrl+C watcher" };
            _thread.Start();
        }

        /// <summary>Whether Ctrl+C can be told apart from a stop here: the console host, reading a real console.</summary>
        public static bool CanWatch(PSHost host) => host.Name == "ConsoleHost" && !Console.IsInputRedirected;

        /// <summary>Watches for Ctrl+C, which cancels <paramref name="answer"/>; null where <see cref="CanWatch"/> says no.</summary>
        public static ConsoleBreakWatcher? Start(PSHost host, CancellationTokenSource answer) =>
            CanWatch(host) ? new ConsoleBreakWatcher(answer) : null;

        public void Dispose()
        {
            _done.Set();
            _thread.Join(StopWait);
            Console.TreatControlCAsInput = _controlCWasInput;
        }

        private void Watch()
        {
            try
            {
                while (!_done.IsSet)
                {
                    if (!Console.KeyAvailable)
                    {
                        _done.Wait(PollInterval);
                        continue;
                    }

                    var key = Console.ReadKey(intercept: true);
                    if (key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0))
                    {
                        _answer.Cancel();
                        return;
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // The console went away (the terminal closed): nothing left to watch.
            }
        }
    }
}
