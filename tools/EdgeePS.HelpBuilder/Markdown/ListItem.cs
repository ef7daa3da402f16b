namespace EdgeePS.HelpBuilder.Markdown;

public sealed record ListItem(string Marker, string Text);
