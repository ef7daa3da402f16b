namespace EdgeePS.Packager;

/// <summary>An assembly the import loaded from the package folder.</summary>
public sealed record LoadedAssembly(string Path, bool DefinesAsyncEnumerable);
