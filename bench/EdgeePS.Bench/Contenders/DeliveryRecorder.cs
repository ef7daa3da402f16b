using System.Diagnostics;
using System.Globalization;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// Notes when each chunk's text reaches the end of the consumer. Record takes the timestamp before anything else and
/// only appends to pre-sized lists, so recording costs the same small, fixed amount in every contender; all parsing
/// and arithmetic happen after the stream. Public because PowerShell scripts call it as <c>$recorder.Record(...)</c>.
/// </summary>
public sealed class DeliveryRecorder
{
    private readonly List<long> receivedAt;
    private readonly List<string?> texts;

    public DeliveryRecorder(int expectedChunks)
    {
        receivedAt = new List<long>(expectedChunks + 16);
        texts = new List<string?>(expectedChunks + 16);
    }

    /// <summary>When the request was about to be sent: the origin of time to first chunk.</summary>
    public long StartedAt { get; private set; }

    public void Start() => StartedAt = Stopwatch.GetTimestamp();

    public void Record(string? text)
    {
        var now = Stopwatch.GetTimestamp();
        receivedAt.Add(now);
        texts.Add(text);
    }

    /// <summary>Chunks with content, in arrival order: role-only and finish chunks carry none and are not deliveries of text.</summary>
    public IReadOnlyList<(long ReceivedAt, string Text)> ContentDeliveries()
    {
        var deliveries = new List<(long, string)>(texts.Count);
        for (var index = 0; index < texts.Count; index++)
        {
            if (!string.IsNullOrEmpty(texts[index]))
            {
                deliveries.Add((receivedAt[index], texts[index]!));
            }
        }
        return deliveries;
    }

    /// <summary>For the paced stream, whose content is the server's send timestamp: receive minus send, per chunk, in microseconds.</summary>
    public double[] DelaysMicroseconds() =>
        ContentDeliveries()
            .Select(delivery => Stopwatch.GetElapsedTime(long.Parse(delivery.Text, CultureInfo.InvariantCulture), delivery.ReceivedAt).TotalMicroseconds)
            .ToArray();

    public double FirstContentMicroseconds()
    {
        var deliveries = ContentDeliveries();
        return deliveries.Count == 0 ? double.NaN : Stopwatch.GetElapsedTime(StartedAt, deliveries[0].ReceivedAt).TotalMicroseconds;
    }
}
