using EdgeePS.Streaming;

namespace EdgeePS.Tests.Hardening;

/// <summary>One event a <see cref="RandomSseBody"/> put in its body, and where in the body it is complete.</summary>
internal sealed class PlannedEvent
{
    public PlannedEvent(StreamEventKind kind, string? text, int end)
    {
        Kind = kind;
        Text = text;
        End = end;
    }

    /// <summary>Chunk, Malformed, GatewayError or Done; keep-alives and comments are not planned events.</summary>
    public StreamEventKind Kind { get; }

    /// <summary>For a chunk, the text it must arrive with (<see cref="StreamChunk.Text"/>).</summary>
    public string? Text { get; }

    /// <summary>The byte offset just after the blank line that dispatches the event: a body cut there still delivers it.</summary>
    public int End { get; }

    public override string ToString() => Kind == StreamEventKind.Chunk ? $"Chunk '{Text}' (ends at {End})" : $"{Kind} (ends at {End})";
}
