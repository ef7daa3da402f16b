namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>A bulleted or numbered list; each item keeps its marker ("-", "1.") so numbering survives.</summary>
public sealed record ListBlock(int Line, IReadOnlyList<ListItem> Items) : MarkdownBlock(Line);
