namespace EdgeePS.HelpBuilder;

/// <summary>
/// The help source breaks the format. The message reads as a compiler diagnostic (path(line): error ...), so
/// MSBuild and editors show it at the offending line.
/// </summary>
public sealed class HelpFormatException(string path, int line, string problem)
    : Exception($"{path}({line}): error EPSHELP: {problem}")
{
    public string Path { get; } = path;

    public int Line { get; } = line;
}
