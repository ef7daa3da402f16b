using System.Text.Json;
using EdgeePS.Serialization;
using EdgeePS.Streaming;
using EdgeePS.Tests.Core;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Everything a read of a stream produced, as comparable text: each event (a chunk as its full JSON, so every field
/// counts, or an error event as its message) and how the read ended.
/// </summary>
internal sealed class StreamOutcome
{
    private StreamOutcome(IReadOnlyList<StreamEvent> events, string ending)
    {
        Events = events.Select(Describe).ToList();
        Kinds = events.Select(streamEvent => streamEvent.Kind).ToList();
        Texts = events.Select(streamEvent => streamEvent.Chunk?.Text).ToList();
        Ending = ending;
    }

    public IReadOnlyList<string> Events { get; }

    public IReadOnlyList<StreamEventKind> Kinds { get; }

    /// <summary>Each chunk's text; null for the other events.</summary>
    public IReadOnlyList<string?> Texts { get; }

    /// <summary>"end" after [DONE] or an error event, else the error id (or exception type) the read threw.</summary>
    public string Ending { get; }

    public static StreamOutcome From(StreamReadResult result) => new(
        result.Events,
        result.Error switch
        {
            null => "end",
            EdgeeException edgee => edgee.ErrorId,
            var other => other.GetType().Name,
        });

    public bool SameAs(StreamOutcome other) => Ending == other.Ending && Events.SequenceEqual(other.Events);

    public override string ToString() => $"{Events.Count} event(s) then {Ending}";

    /// <summary>The first difference from <paramref name="expected"/>, for a failure message.</summary>
    public string DifferenceFrom(StreamOutcome expected)
    {
        for (var index = 0; index < Math.Min(Events.Count, expected.Events.Count); index++)
        {
            if (Events[index] != expected.Events[index])
            {
                return $"event {index}: expected {expected.Events[index]} but got {Events[index]}";
            }
        }
        return Events.Count != expected.Events.Count
            ? $"expected {expected.Events.Count} events, got {Events.Count}"
            : $"expected the read to end with {expected.Ending}, got {Ending}";
    }

    private static string Describe(StreamEvent streamEvent) => streamEvent.Kind switch
    {
        StreamEventKind.Chunk => "Chunk " + JsonSerializer.Serialize(streamEvent.Chunk!, EdgeeJsonContext.Default.StreamChunk),
        _ => $"{streamEvent.Kind} {streamEvent.Error?.ErrorId}: {streamEvent.Error?.Message}",
    };
}
