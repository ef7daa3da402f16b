using System.Text;
using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>
/// Turns an about topic in platyPS's template ("# Title", "## about_Name", then "# SHORT DESCRIPTION",
/// "# LONG DESCRIPTION", ...) into the about_Name.help.txt Get-Help shows: section titles in capitals at the
/// margin, subtopics indented two spaces, text indented four and wrapped at 80 columns.
/// </summary>
public static class AboutTopicWriter
{
    public const int Width = 80;

    private const string TextIndent = "    ";
    private static readonly string[] RequiredSections = ["SHORT DESCRIPTION", "LONG DESCRIPTION"];

    /// <summary>The topic's lookup name (about_Name) and its text.</summary>
    public static (string TopicName, string Text) Write(MarkdownDocument document)
    {
        var path = document.Path;
        var blocks = document.Blocks;
        if (blocks.Count < 2 || blocks[0] is not HeadingBlock { Level: 1 } || blocks[1] is not HeadingBlock { Level: 2 } lookup)
        {
            throw new HelpFormatException(path, 1, "An about topic starts with '# <Title>' and then '## about_<Name>'.");
        }

        var expected = Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(lookup.Text, expected, StringComparison.Ordinal))
        {
            throw new HelpFormatException(path, lookup.Line, $"The lookup name '{lookup.Text}' does not match the file name '{expected}'.");
        }

        var text = new StringBuilder().Append("TOPIC\n").Append(TextIndent).Append(lookup.Text).Append('\n');
        var sections = new List<string>();
        var pending = new List<MarkdownBlock>();
        foreach (var block in blocks.Skip(2))
        {
            if (block is HeadingBlock heading && heading.Level <= 2)
            {
                Flush(text, pending);
                var title = heading.Level == 1 ? heading.Text.ToUpperInvariant() : "  " + InlineText.ToPlainText(heading.Text);
                text.Append('\n').Append(title).Append('\n');
                if (heading.Level == 1)
                {
                    sections.Add(title);
                }
            }
            else if (sections.Count == 0)
            {
                throw new HelpFormatException(path, block.Line, "Text after the lookup name belongs under '# SHORT DESCRIPTION'.");
            }
            else
            {
                RejectWideCode(path, block);
                pending.Add(block);
            }
        }

        Flush(text, pending);
        foreach (var missing in RequiredSections.Where(required => !sections.Contains(required)))
        {
            throw new HelpFormatException(path, 1, $"The about topic needs a '# {missing}' section.");
        }

        return (lookup.Text, text.ToString());
    }

    // Text is wrapped, but code cannot be without breaking it: keep it inside the 80 columns at the source.
    private static void RejectWideCode(string path, MarkdownBlock block)
    {
        if (block is not CodeBlock code)
        {
            return;
        }

        var lines = code.Code.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (TextIndent.Length + PlainTextRenderer.CodeIndent.Length + lines[index].Length > Width)
            {
                throw new HelpFormatException(
                    path, code.Line + index + 1, $"This code line is too wide for an about topic: keep it within {Width - TextIndent.Length - PlainTextRenderer.CodeIndent.Length} characters.");
            }
        }
    }

    private static void Flush(StringBuilder text, List<MarkdownBlock> blocks)
    {
        var paragraphs = PlainTextRenderer.Render(blocks, TextIndent, Width);
        text.Append(string.Join("\n\n", paragraphs));
        if (paragraphs.Count > 0)
        {
            text.Append('\n');
        }

        blocks.Clear();
    }
}
