using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EdgeePS.Tests.Packaging;

/// <summary>
/// Reads an assembly's metadata without loading it: the only way to look inside the Windows PowerShell build
/// (netstandard2.0, with its own System.Text.Json) from a .NET 10 process, and harmless for any other.
/// </summary>
internal sealed class AssemblyMetadata
{
    private AssemblyMetadata(string name, IReadOnlyList<string> references, IReadOnlyList<string> typeNames)
    {
        Name = name;
        References = references;
        TypeNames = typeNames;
    }

    public string Name { get; }

    /// <summary>The simple names of the assemblies it references.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The full names of the types it defines.</summary>
    public IReadOnlyList<string> TypeNames { get; }

    public static AssemblyMetadata Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var portableExecutable = new PEReader(stream);
        var reader = portableExecutable.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).ToList();
        var types = reader.TypeDefinitions.Select(handle => reader.GetTypeDefinition(handle))
            .Select(type => (reader.GetString(type.Namespace) is { Length: > 0 } space ? space + "." : string.Empty) + reader.GetString(type.Name))
            .ToList();
        return new AssemblyMetadata(reader.GetString(reader.GetAssemblyDefinition().Name), references, types);
    }
}
