namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>A fenced code block; <see cref="Language"/> is the fence's info string (powershell, yaml, or empty).</summary>
public sealed record CodeBlock(int Line, string Language, string Code) : MarkdownBlock(Line);
