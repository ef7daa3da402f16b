namespace EdgeePS.HelpBuilder.Markdown;

public sealed record TableBlock(int Line, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : MarkdownBlock(Line);
