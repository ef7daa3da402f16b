namespace EdgeePS.Bench.Contenders;

/// <summary>
/// stage-sse: floor-raw plus System.Net.ServerSentEvents framing every event, whose data is looked at only to find
/// [DONE]. Subtracted from floor-raw, what SSE framing costs per chunk, before any JSON.
/// </summary>
public sealed class StageSseContender : IContender
{
    private static readonly byte[] DoneMarker = "[DONE]"u8.ToArray();
    private static readonly object AnEvent = new();

    private readonly HttpClient http = new();

    public bool RecordsDeliveries => false;

    public void Consume(StreamTarget target)
    {
        long events = 0;
        BenchRequests.ReadEvents(http, target, static (_, data) => data.SequenceEqual(DoneMarker) ? null : AnEvent, _ => events++);
    }

    /// <summary>Unparsed events carry no text to record.</summary>
    public void Deliver(StreamTarget target, DeliveryRecorder recorder) =>
        throw new NotSupportedException("stage-sse does not parse the events' JSON.");

    public void Dispose() => http.Dispose();
}
