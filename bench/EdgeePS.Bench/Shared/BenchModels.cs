namespace EdgeePS.Bench.Shared;

/// <summary>
/// The server picks the stream from the request's model name ("burst-100000", "paced-200"), so every client,
/// whatever URL shape it insists on, talks to one endpoint and sends an ordinary request.
/// </summary>
public static class BenchModels
{
    public const string BurstPrefix = "burst-";
    public const string PacedPrefix = "paced-";
    public const string BatchPrefix = "batch-";

    /// <summary>Chunks written back to back in large writes: the transport never waits for the server.</summary>
    public static string Burst(int chunks) => BurstPrefix + chunks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A whole answer (not a stream) after this many milliseconds: the batch workload.</summary>
    public static string Batch(int delayMs) => BatchPrefix + delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Chunks written one at a time, a fixed interval apart, each stamped with its send time.</summary>
    public static string Paced(int chunks) => PacedPrefix + chunks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
