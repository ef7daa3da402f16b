using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>An input or output type and what the command does with it.</summary>
public sealed record TypeHelp(string TypeName, IReadOnlyList<MarkdownBlock> Description);
