namespace EdgeePS.HelpBuilder.Markdown;

public sealed record HeadingBlock(int Line, int Level, string Text) : MarkdownBlock(Line);
