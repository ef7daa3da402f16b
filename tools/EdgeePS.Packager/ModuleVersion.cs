using System.Diagnostics;

namespace EdgeePS.Packager;

/// <summary>
/// A module version as PowerShellGet wants it: a numeric ModuleVersion and, for a prerelease, the label that goes
/// in PSData.Prerelease. Read from the built assembly, whose version the build stamps from Directory.Build.props,
/// so the manifest can never claim a version other than the binaries it ships.
/// </summary>
public sealed record ModuleVersion(Version Numeric, string? Prerelease)
{
    public static ModuleVersion Parse(string version)
    {
        // "0.2.0-beta.1+abc123": build metadata is dropped; PowerShellGet allows no dots in a prerelease label.
        var withoutMetadata = version.Split('+')[0];
        var dash = withoutMetadata.IndexOf('-');
        var numeric = Version.Parse(dash < 0 ? withoutMetadata : withoutMetadata[..dash]);
        var prerelease = dash < 0 ? null : withoutMetadata[(dash + 1)..].Replace(".", string.Empty);
        return new ModuleVersion(numeric, prerelease);
    }

    public static ModuleVersion FromAssembly(string path)
    {
        var informational = FileVersionInfo.GetVersionInfo(path).ProductVersion;
        if (string.IsNullOrWhiteSpace(informational))
        {
            throw new PackagingException($"{path} carries no version.");
        }

        return Parse(informational);
    }

    public override string ToString() => Prerelease is null ? Numeric.ToString() : $"{Numeric}-{Prerelease}";
}
