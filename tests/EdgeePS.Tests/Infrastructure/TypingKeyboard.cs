using System.Diagnostics;
using System.Management.Automation.Host;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// The keyboard of a <see cref="RecordingHost"/>: types the scripted lines when the engine reads a line, and presses
/// Ctrl+C (as a key, the way a console with Ctrl+C taken as input delivers it) once a condition holds, for commands
/// that read keys through the host's RawUI while they work. Records when each happened, on one clock.
/// </summary>
public sealed class TypingKeyboard : PSHostRawUserInterface
{
    private readonly object _gate = new();
    private readonly Queue<string> _lines;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Func<bool>? _pressControlCWhen;

    public TypingKeyboard(params string[] lines) => _lines = new Queue<string>(lines);

    /// <summary>Each line typed so far, and when the engine asked for it.</summary>
    public List<(string? Line, TimeSpan At)> LinesRead { get; } = [];

    /// <summary>When Ctrl+C was read as a key; null until then.</summary>
    public TimeSpan? ControlCReadAt { get; private set; }

    /// <summary>Lines still waiting to be typed.</summary>
    public int LinesLeft
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Presses Ctrl+C once, as soon as <paramref name="condition"/> holds while someone watches the keys.</summary>
    public void PressControlCWhen(Func<bool> condition)
    {
        lock (_gate)
        {
            _pressControlCWhen = condition;
        }
    }

    /// <summary>The next scripted line, or null (the end of input) once there are none.</summary>
    public string? TypeLine()
    {
        lock (_gate)
        {
            var line = _lines.Count > 0 ? _lines.Dequeue() : null;
            LinesRead.Add((line, _clock.Elapsed));
            return line;
        }
    }

    public override bool KeyAvailable
    {
        get
        {
            lock (_gate)
            {
                return _pressControlCWhen?.Invoke() == true;
            }
        }
    }

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        lock (_gate)
        {
            if (_pressControlCWhen?.Invoke() != true)
            {
                throw new InvalidOperationException("The test typed no key to read here.");
            }

            _pressControlCWhen = null;
            ControlCReadAt = _clock.Elapsed;
            return new KeyInfo((int)ConsoleKey.C, '\u0003', ControlKeyStates.LeftCtrlPressed, keyDown: true);
        }
    }

    public override void FlushInputBuffer()
    {
    }

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Coordinates CursorPosition { get; set; }

    public override Coordinates WindowPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override Size BufferSize { get; set; } = new(120, 50);

    public override Size WindowSize { get; set; } = new(120, 50);

    public override Size MaxWindowSize => WindowSize;

    public override Size MaxPhysicalWindowSize => WindowSize;

    public override string WindowTitle { get; set; } = string.Empty;

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("The test keyboard has no screen buffer.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("The test keyboard has no screen buffer.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException("The test keyboard has no screen buffer.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException("The test keyboard has no screen buffer.");
}
