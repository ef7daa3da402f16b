using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>An example: text before the code introduces it, text after the code explains it.</summary>
public sealed record ExampleHelp(string Title, IReadOnlyList<MarkdownBlock> Introduction, string Code, IReadOnlyList<MarkdownBlock> Remarks);
