namespace EdgeePS.Tests.Packaging;

/// <summary>How a tool's process ended, and everything it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
}
