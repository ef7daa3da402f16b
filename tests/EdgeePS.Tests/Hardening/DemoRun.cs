namespace EdgeePS.Tests.Hardening;

/// <summary>How a run of the demo ended, and what it printed.</summary>
internal sealed record DemoRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
}
