namespace EdgeePS.Tests.Infrastructure;

/// <summary>How a pwsh process ended, and everything it printed.</summary>
public sealed record PwshRun(int ExitCode, string Output, string Error)
{
    /// <summary>This run, or an exception telling everything it printed if it did not exit with 0.</summary>
    public PwshRun EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"pwsh failed: {this}");

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
}
