using System.Text.RegularExpressions;

namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>
/// Reads the markdown subset help files use: front matter, headings, paragraphs, fenced code, lists and pipe
/// tables. Anything it cannot place is an error rather than a guess, so a typo fails the build instead of
/// silently vanishing from Get-Help.
/// </summary>
public static partial class MarkdownReader
{
    private const string Fence = "```";

    public static MarkdownDocument Read(string path) => Parse(path, File.ReadAllText(path));

    public static MarkdownDocument Parse(string path, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var index = 0;
        var frontMatter = ReadFrontMatter(path, lines, ref index);
        var blocks = new List<MarkdownBlock>();
        while (index < lines.Length)
        {
            var line = lines[index];
            if (string.IsNullOrWhiteSpace(line))
            {
                index++;
            }
            else if (line.TrimStart().StartsWith(Fence, StringComparison.Ordinal))
            {
                blocks.Add(ReadCode(path, lines, ref index));
            }
            else if (HeadingPattern().Match(line) is { Success: true } heading)
            {
                blocks.Add(new HeadingBlock(index + 1, heading.Groups[1].Length, heading.Groups[2].Value.Trim()));
                index++;
            }
            else if (line.TrimStart().StartsWith('|'))
            {
                blocks.Add(ReadTable(path, lines, ref index));
            }
            else if (ListItemPattern().IsMatch(line))
            {
                blocks.Add(ReadList(lines, ref index));
            }
            else
            {
                blocks.Add(ReadParagraph(lines, ref index));
            }
        }

        return new MarkdownDocument(path, frontMatter, blocks);
    }

    private static Dictionary<string, string> ReadFrontMatter(string path, string[] lines, ref int index)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return values;
        }

        for (index = 1; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Trim() == "---")
            {
                index++;
                return values;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpFormatException(path, index + 1, $"Front matter lines are 'key: value'; found '{line}'.");
            }

            values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        throw new HelpFormatException(path, 1, "The front matter is not closed with '---'.");
    }

    private static CodeBlock ReadCode(string path, string[] lines, ref int index)
    {
        var start = index;
        var language = lines[index].Trim()[Fence.Length..].Trim();
        var code = new List<string>();
        for (index++; index < lines.Length; index++)
        {
            if (lines[index].Trim() == Fence)
            {
                index++;
                return new CodeBlock(start + 1, language, string.Join('\n', code));
            }

            code.Add(lines[index].TrimEnd());
        }

        throw new HelpFormatException(path, start + 1, "This code block is never closed with ```.");
    }

    private static TableBlock ReadTable(string path, string[] lines, ref int index)
    {
        var start = index;
        var rows = new List<IReadOnlyList<string>>();
        while (index < lines.Length && lines[index].TrimStart().StartsWith('|'))
        {
            rows.Add(Cells(lines[index]));
            index++;
        }

        if (rows.Count < 2 || !rows[1].All(cell => SeparatorCellPattern().IsMatch(cell)))
        {
            throw new HelpFormatException(path, start + 1, "A table needs a header row and a '| --- |' separator row.");
        }

        var headers = rows[0];
        var body = rows.Skip(2).ToList();
        for (var row = 0; row < body.Count; row++)
        {
            if (body[row].Count != headers.Count)
            {
                throw new HelpFormatException(path, start + row + 3, $"This row has {body[row].Count} cells; the header has {headers.Count}.");
            }
        }

        return new TableBlock(start + 1, headers, body);
    }

    private static List<string> Cells(string line)
    {
        var trimmed = line.Trim();
        var inner = trimmed.Substring(1, trimmed.EndsWith('|') && trimmed.Length > 1 ? trimmed.Length - 2 : trimmed.Length - 1);
        return inner.Split('|').Select(cell => cell.Trim()).ToList();
    }

    private static ListBlock ReadList(string[] lines, ref int index)
    {
        var start = index;
        var items = new List<ListItem>();
        while (index < lines.Length && !string.IsNullOrWhiteSpace(lines[index]) && !StartsAnotherBlock(lines[index]))
        {
            if (ListItemPattern().Match(lines[index]) is { Success: true } item)
            {
                items.Add(new ListItem(item.Groups[1].Value, item.Groups[2].Value.Trim()));
            }
            else
            {
                // A continuation line belongs to the item above it.
                var last = items[^1];
                items[^1] = last with { Text = last.Text + " " + lines[index].Trim() };
            }

            index++;
        }

        return new ListBlock(start + 1, items);
    }

    private static ParagraphBlock ReadParagraph(string[] lines, ref int index)
    {
        var start = index;
        var text = new List<string>();
        while (index < lines.Length && !string.IsNullOrWhiteSpace(lines[index]) && !StartsAnotherBlock(lines[index]) && !ListItemPattern().IsMatch(lines[index]))
        {
            text.Add(lines[index].Trim());
            index++;
        }

        return new ParagraphBlock(start + 1, string.Join(' ', text));
    }

    private static bool StartsAnotherBlock(string line) =>
        line.TrimStart().StartsWith(Fence, StringComparison.Ordinal) || HeadingPattern().IsMatch(line) || line.TrimStart().StartsWith('|');

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^\s*([-*]|\d+\.)\s+(.*)$")]
    private static partial Regex ListItemPattern();

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex SeparatorCellPattern();
}
