using System.Text;
using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>
/// Renders markdown blocks as console text, one string per paragraph. Help for cmdlets is left unwrapped (the
/// console wraps MAML paragraphs to its width); about topics are wrapped at 80 columns, as PowerShell's own are.
/// Tables become one entry per row, because a wide table cannot survive 80 columns.
/// </summary>
public static class PlainTextRenderer
{
    public const string CodeIndent = "    ";

    public static List<string> Render(IEnumerable<MarkdownBlock> blocks, string indent = "", int width = int.MaxValue)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            paragraphs.Add(block switch
            {
                ParagraphBlock paragraph => TextWrapper.Wrap(InlineText.ToPlainText(paragraph.Text), indent, indent, width),
                ListBlock list => string.Join('\n', list.Items.Select(item => ListItem(item, indent, width))),
                CodeBlock code => string.Join('\n', code.Code.Split('\n').Select(line => (indent + CodeIndent + line).TrimEnd())),
                TableBlock table => string.Join('\n', table.Rows.Select(row => TableRow(table.Headers, row, indent, width))),
                HeadingBlock heading => indent + InlineText.ToPlainText(heading.Text),
                _ => throw new NotSupportedException($"No text form for {block.GetType().Name}."),
            });
        }

        return paragraphs;
    }

    private static string ListItem(ListItem item, string indent, int width)
    {
        var marker = item.Marker + " ";
        return TextWrapper.Wrap(InlineText.ToPlainText(item.Text), indent + marker, indent + new string(' ', marker.Length), width);
    }

    private static string TableRow(IReadOnlyList<string> headers, IReadOnlyList<string> cells, string indent, int width)
    {
        var row = new StringBuilder(TextWrapper.Wrap(InlineText.ToPlainText(cells[0]), indent, indent, width));
        var detailIndent = indent + CodeIndent;
        for (var column = 1; column < cells.Count; column++)
        {
            if (cells[column].Length > 0)
            {
                var detail = $"{headers[column]}: {InlineText.ToPlainText(cells[column])}";
                row.Append('\n').Append(TextWrapper.Wrap(detail, detailIndent, detailIndent + "  ", width));
            }
        }

        return row.ToString();
    }
}
