namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>One block of a markdown file, with the line it starts on so errors can point at it.</summary>
public abstract record MarkdownBlock(int Line);
