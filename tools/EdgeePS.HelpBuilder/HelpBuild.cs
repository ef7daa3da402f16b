using System.Text;
using System.Xml;
using System.Xml.Linq;
using EdgeePS.HelpBuilder.Help;
using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder;

/// <summary>
/// Converts a culture folder of help markdown (help/en-US) into Get-Help's files and puts them in each output
/// folder. Files are rewritten only when their content changes, and help files no source produces any more are
/// removed, so an output folder always holds exactly the current help.
/// </summary>
public static class HelpBuild
{
    private const string AboutPrefix = "about_";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The generated files, by file name.</summary>
    public static IReadOnlyDictionary<string, byte[]> Convert(string sourceDirectory)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var sources = Directory.GetFiles(sourceDirectory, "*.md").Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
        {
            throw new HelpFormatException(sourceDirectory, 0, "There is no help markdown here.");
        }

        var commands = new List<CommandHelp>();
        foreach (var source in sources)
        {
            var document = MarkdownReader.Read(source);
            if (Path.GetFileName(source).StartsWith(AboutPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var (topic, text) = AboutTopicWriter.Write(document);
                files[topic + ".help.txt"] = Utf8.GetBytes(text);
            }
            else
            {
                commands.Add(CommandHelpReader.Read(document));
            }
        }

        foreach (var group in commands.GroupBy(command => command.ExternalHelpFile, StringComparer.OrdinalIgnoreCase))
        {
            files[group.Key] = Serialize(MamlWriter.Write(group));
        }

        return files;
    }

    /// <returns>The paths written (those whose content changed).</returns>
    public static IReadOnlyList<string> Publish(IReadOnlyDictionary<string, byte[]> files, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(outputDirectory, name);
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
            {
                continue;
            }

            // Another build may be publishing the same help at the same moment: readers see the old file or the new one.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }

        foreach (var stale in Directory.EnumerateFiles(outputDirectory).Where(path => IsHelpFile(path) && !files.ContainsKey(Path.GetFileName(path))))
        {
            File.Delete(stale);
        }

        return written;
    }

    private static bool IsHelpFile(string path) =>
        path.EndsWith(".help.txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase);

    private static byte[] Serialize(XDocument document)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = Utf8, Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }
}
