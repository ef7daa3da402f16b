namespace EdgeePS.Packager;

/// <summary>An assembly the import loaded from the package folder, and the load context it went into.</summary>
public sealed record LoadedAssembly(string Path, bool DefinesAsyncEnumerable, string LoadContext);
