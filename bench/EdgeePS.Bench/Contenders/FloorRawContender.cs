namespace EdgeePS.Bench.Contenders;

/// <summary>floor-raw: HttpClient reading the response bytes to the end. No client can be faster: the transport limit.</summary>
public sealed class FloorRawContender : IContender
{
    private readonly HttpClient http = new();
    private readonly byte[] buffer = new byte[64 * 1024];

    public bool RecordsDeliveries => false;

    public void Consume(StreamTarget target)
    {
        using var response = BenchRequests.Send(http, target);
        using var body = response.Content.ReadAsStream();
        while (body.Read(buffer) > 0)
        {
        }
    }

    /// <summary>Bytes carry no chunk boundaries, so the raw floor has no per-chunk delivery to record.</summary>
    public void Deliver(StreamTarget target, DeliveryRecorder recorder) =>
        throw new NotSupportedException("floor-raw does not split the stream into chunks.");

    public void Dispose() => http.Dispose();
}
