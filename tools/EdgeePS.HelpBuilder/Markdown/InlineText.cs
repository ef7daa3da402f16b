using System.Text.RegularExpressions;

namespace EdgeePS.HelpBuilder.Markdown;

/// <summary>
/// What inline markdown becomes in console help. Code spans keep their backticks (as in PowerShell's own help);
/// emphasis markers go; a link to another help page becomes its text, and a web link keeps its address.
/// </summary>
public static partial class InlineText
{
    public static string ToPlainText(string markdown)
    {
        var text = LinkPattern().Replace(markdown, link =>
        {
            var label = link.Groups[1].Value;
            var target = link.Groups[2].Value;
            return IsWebAddress(target) && target != label ? $"{label} ({target})" : label;
        });
        return EmphasisPattern().Replace(text, "$2");
    }

    public static bool IsWebAddress(string target) =>
        target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]*)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(\*\*|__)(.+?)\1")]
    private static partial Regex EmphasisPattern();
}
