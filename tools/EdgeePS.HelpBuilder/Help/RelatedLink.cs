namespace EdgeePS.HelpBuilder.Help;

/// <summary>A related link; <see cref="Uri"/> is empty for another help topic, which Get-Help names by its text.</summary>
public sealed record RelatedLink(string Text, string Uri);
