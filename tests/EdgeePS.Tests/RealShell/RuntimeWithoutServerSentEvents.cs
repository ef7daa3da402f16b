using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace EdgeePS.Tests.RealShell;

/// <summary>
/// This machine's .NET runtime less its own System.Net.ServerSentEvents, in a temporary folder: the situation of
/// PowerShell 7.4, whose .NET 8 has none, where EdgeePS must bring its copy and another module may bring another.
/// Every PowerShell here runs on .NET 10, which has the assembly built in and always serves it from there, so
/// without this no test could load a second version into a session. Everything but the runtime's file list
/// (Microsoft.NETCore.App.deps.json, rewritten) is a symbolic link to the real runtime.
/// </summary>
public sealed class RuntimeWithoutServerSentEvents : IDisposable
{
    private const string Removed = "System.Net.ServerSentEvents.dll";
    private const string FileList = "Microsoft.NETCore.App.deps.json";

    public RuntimeWithoutServerSentEvents()
    {
        Root = Directory.CreateTempSubdirectory("edgeeps-runtime-").FullName;
        var framework = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var version = Path.GetFileName(framework);
        var realRoot = Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));

        // The muxer finds host and framework beside itself, so it is copied, not linked.
        File.Copy(Path.Combine(realRoot, "dotnet"), Path.Combine(Root, "dotnet"));
        foreach (var resolver in Directory.GetDirectories(Path.Combine(realRoot, "host", "fxr")))
        {
            LinkFolder(resolver, Path.Combine(Root, "host", "fxr", Path.GetFileName(resolver)), []);
        }
        var copy = Path.Combine(Root, "shared", "Microsoft.NETCore.App", version);
        LinkFolder(framework, copy, [Removed, FileList]);

        var files = JsonNode.Parse(File.ReadAllText(Path.Combine(framework, FileList)))!;
        foreach (var target in files["targets"]!.AsObject())
        {
            foreach (var library in target.Value!.AsObject())
            {
                library.Value?["runtime"]?.AsObject().Remove(Removed);
            }
        }
        File.WriteAllText(Path.Combine(copy, FileList), files.ToJsonString());
    }

    /// <summary>The folder to pass as DOTNET_ROOT, holding its own dotnet.</summary>
    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void LinkFolder(string source, string target, string[] except)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source).Where(file => !except.Contains(Path.GetFileName(file))))
        {
            File.CreateSymbolicLink(Path.Combine(target, Path.GetFileName(file)), file);
        }
    }
}
