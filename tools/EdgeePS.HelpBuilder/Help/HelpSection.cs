using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>The blocks under one "## SECTION" heading.</summary>
internal sealed record HelpSection(int Line, List<MarkdownBlock> Blocks);
