using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>A parameter's text and its metadata block (the ```yaml block platyPS writes under "### -Name").</summary>
public sealed class ParameterHelp
{
    public const string AllParameterSets = "(All)";

    public required string Name { get; init; }

    public required IReadOnlyList<MarkdownBlock> Description { get; init; }

    public required string Type { get; init; }

    /// <summary>Named parameter sets, or just <see cref="AllParameterSets"/>.</summary>
    public required IReadOnlyList<string> ParameterSets { get; init; }

    public required IReadOnlyList<string> Aliases { get; init; }

    public required bool Required { get; init; }

    /// <summary>"0", "1", ... or "Named".</summary>
    public required string Position { get; init; }

    public required string DefaultValue { get; init; }

    /// <summary>"False" or e.g. "True (ByValue)", as Get-Help prints it.</summary>
    public required string PipelineInput { get; init; }

    public required bool Globbing { get; init; }

    public bool IsSwitch => Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase);

    public bool IsPositional => int.TryParse(Position, out _);

    public bool IsInSet(string parameterSet) =>
        ParameterSets.Contains(AllParameterSets) || ParameterSets.Contains(parameterSet, StringComparer.OrdinalIgnoreCase);
}
