namespace EdgeePS.Bench.Shared;

/// <summary>What one child process measures. The names are also the command-line words, so keep them stable.</summary>
public enum Workload
{
    /// <summary>A long stream with no pacing: CPU per chunk, as chunks per second and time relative to floor-parse.</summary>
    Throughput,

    /// <summary>A short paced stream whose chunks carry their send time: delivery delay and time to first chunk.</summary>
    Latency,

    /// <summary>A very long stream: whether working set and managed heap stay flat.</summary>
    Memory,

    /// <summary>Import-Module in a fresh process.</summary>
    Import,

    /// <summary>Many prompts at once: 200 whole answers, each 250 ms late, at throttle 16, in real pwsh.</summary>
    Batch,
}
