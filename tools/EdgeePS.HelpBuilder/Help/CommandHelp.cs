using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>One cmdlet's help, as its platyPS markdown file states it.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }

    /// <summary>The MAML file the command's help goes into, from the front matter's "external help file".</summary>
    public required string ExternalHelpFile { get; init; }

    public required string Synopsis { get; init; }

    public required IReadOnlyList<MarkdownBlock> Description { get; init; }

    public required IReadOnlyList<ExampleHelp> Examples { get; init; }

    /// <summary>The parameter sets SYNTAX names, the default first as written; empty for a command with one set.</summary>
    public required IReadOnlyList<string> ParameterSets { get; init; }

    public required IReadOnlyList<ParameterHelp> Parameters { get; init; }

    public required IReadOnlyList<TypeHelp> Inputs { get; init; }

    public required IReadOnlyList<TypeHelp> Outputs { get; init; }

    public required IReadOnlyList<MarkdownBlock> Notes { get; init; }

    public required IReadOnlyList<RelatedLink> Links { get; init; }
}
