namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>Running text; its source line breaks are soft, as in any markdown renderer.</summary>
public sealed record ParagraphBlock(int Line, string Text) : MarkdownBlock(Line);
