using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Lets Ctrl+C stop one answer of Enter-EdgeeChat instead of the whole command. The console host turns Ctrl+C into
    /// stopping the pipeline, which no command survives; so while an answer streams, a thread of its own reads the
    /// host's keys (<see cref="PSHostRawUserInterface.KeyAvailable"/>, <see cref="PSHostRawUserInterface.ReadKey(ReadKeyOptions)"/>,
    /// where PowerShell reads keys) and cancels the answer when Ctrl+C comes. In the console host the console also
    /// takes Ctrl+C as a key meanwhile (<see cref="Console.TreatControlCAsInput"/>), or the terminal would turn it into
    /// a stop before any key could be read. Other keys pressed meanwhile are dropped. Disposing puts the console back
    /// as it was, so at the prompt Ctrl+C stops the command as ever. Only where the host has keys to read: the console
    /// host reading a real console, or another host whose RawUI answers KeyAvailable; elsewhere (a hosted runspace
    /// without a RawUI, input redirected) Ctrl+C stops the command.
    /// </summary>
    internal sealed class ConsoleBreakWatcher : IDisposable
    {
        private const string ConsoleHostName = "ConsoleHost";
        private const ReadKeyOptions KeyDownWithCtrlC = ReadKeyOptions.AllowCtrlC | ReadKeyOptions.NoEcho | ReadKeyOptions.IncludeKeyDown;
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
        private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(1);

        private readonly PSHostRawUserInterface _keys;
        private readonly CancellationTokenSource _answer;
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim();
        private readonly Thread _thread;
        private readonly bool? _controlCWasInput;

        private ConsoleBreakWatcher(PSHostRawUserInterface keys, bool isConsole, CancellationTokenSource answer)
        {
            _keys = keys;
            _answer = answer;
            if (isConsole)
            {
                _controlCWasInput = Console.TreatControlCAsInput;
                Console.TreatControlCAsInput = true;
            }

            _thread = new Thread(Watch) { IsBackground = true, Name = "EdgeePS Ctrl+C watcher" };
            _thread.Start();
        }

        /// <summary>Whether Ctrl+C can be told apart from a stop here: a host with keys to read.</summary>
        public static bool CanWatch(PSHost host) => Keys(host) != null;

        /// <summary>Watches for Ctrl+C, which cancels <paramref name="answer"/>; null where <see cref="CanWatch"/> says no.</summary>
        public static ConsoleBreakWatcher? Start(PSHost host, CancellationTokenSource answer) =>
            Keys(host) is PSHostRawUserInterface keys ? new ConsoleBreakWatcher(keys, host.Name == ConsoleHostName, answer) : null;

        public void Dispose()
        {
            _done.Set();
            _thread.Join(StopWait);
            if (_controlCWasInput is bool wasInput)
            {
                Console.TreatControlCAsInput = wasInput;
            }
        }

        private static PSHostRawUserInterface? Keys(PSHost host)
        {
            if (host.Name == ConsoleHostName && Console.IsInputRedirected)
            {
                return null;
            }

            try
            {
                var keys = host.UI?.RawUI;
                if (keys != null)
                {
                    // Asked once up front: a host without a keyboard (a hosted runspace's) says so by throwing.
                    _ = keys.KeyAvailable;
                }

                return keys;
            }
            catch (Exception error) when (error is RuntimeException || error is NotImplementedException || error is NotSupportedException || error is InvalidOperationException)
            {
                return null;
            }
        }

        private static bool IsControlC(KeyInfo key) =>
            key.Character == '\u0003'
            || (key.VirtualKeyCode == (int)ConsoleKey.C && (key.ControlKeyState & (ControlKeyStates.LeftCtrlPressed | ControlKeyStates.RightCtrlPressed)) != 0);

        private void Watch()
        {
            try
            {
                while (!_done.IsSet)
                {
                    if (!_keys.KeyAvailable)
                    {
                        _done.Wait(PollInterval);
                        continue;
                    }

                    if (IsControlC(_keys.ReadKey(KeyDownWithCtrlC)))
                    {
                        _answer.Cancel();
                        return;
                    }
                }
            }
            catch (Exception error) when (error is InvalidOperationException || error is HostException || error is PipelineStoppedException)
            {
                // The console went away (the terminal closed), or the host stopped reading: nothing left to watch.
            }
        }
    }
}
