namespace EdgeePS.Packager;

/// <summary>The package cannot be made, or what was made is not fit to publish.</summary>
public sealed class PackagingException(string message) : Exception(message);
