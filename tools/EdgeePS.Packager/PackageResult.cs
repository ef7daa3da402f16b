namespace EdgeePS.Packager;

/// <summary>A packaged module: the folder to publish (out/EdgeePS/&lt;version&gt;), its manifest, and its version.</summary>
public sealed record PackageResult(string Directory, string ManifestPath, ModuleVersion Version);
