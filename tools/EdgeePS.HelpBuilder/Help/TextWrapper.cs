using System.Text;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>Word-wraps text for the console, where about topics are read at 80 columns.</summary>
public static class TextWrapper
{
    /// <param name="firstIndent">Indent of the first line (which may start with a list marker).</param>
    /// <param name="indent">Indent of the following lines.</param>
    /// <param name="width">Longest line; <see cref="int.MaxValue"/> leaves the text on one line.</param>
    public static string Wrap(string text, string firstIndent, string indent, int width)
    {
        var result = new StringBuilder();
        var line = new StringBuilder(firstIndent);
        var lineHasWord = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // A word longer than the line (a URL) gets a line of its own rather than being cut.
            if (lineHasWord && line.Length + 1 + word.Length > width)
            {
                result.Append(line).Append('\n');
                line.Clear().Append(indent);
                lineHasWord = false;
            }

            if (lineHasWord)
            {
                line.Append(' ');
            }

            line.Append(word);
            lineHasWord = true;
        }

        return result.Append(line).ToString().TrimEnd();
    }
}
