namespace EdgeePS.Bench.Shared;

/// <summary>What a child process reports: one JSON line on its standard output. Figures a workload doesn't measure stay null.</summary>
public sealed class ChildResult
{
    public string Contender { get; set; } = string.Empty;
    public string Workload { get; set; } = string.Empty;

    /// <summary>Content chunks the stream carried (for import: 0).</summary>
    public int Chunks { get; set; }

    public double ElapsedMs { get; set; }

    /// <summary>CPU time of the whole process, all threads, during the timed run (throughput only).</summary>
    public double? CpuMs { get; set; }

    /// <summary>Every byte the process allocated during the timed run, on any thread, divided by <see cref="Chunks"/>.</summary>
    public double? AllocatedBytesPerChunk { get; set; }

    public double? DelayP50Us { get; set; }
    public double? DelayP90Us { get; set; }
    public double? FirstChunkUs { get; set; }

    public double? WorkingSetStartMB { get; set; }

    /// <summary>Highest working set seen in the first quarter of the stream.</summary>
    public double? WorkingSetEarlyMB { get; set; }

    /// <summary>Highest working set seen in the last quarter of the stream: flat means close to <see cref="WorkingSetEarlyMB"/>.</summary>
    public double? WorkingSetLateMB { get; set; }

    public double? PeakWorkingSetMB { get; set; }
    public double? HeapStartMB { get; set; }
    public double? HeapAfterMB { get; set; }
}
