namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>A parsed markdown file: its YAML front matter (flat key: value pairs) and its blocks in order.</summary>
public sealed record MarkdownDocument(string Path, IReadOnlyDictionary<string, string> FrontMatter, IReadOnlyList<MarkdownBlock> Blocks);
