using System.Text.RegularExpressions;
using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>
/// Reads a cmdlet's help from markdown in platyPS's schema 2.0.0: front matter, "# Name", then the sections
/// SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS.
/// Of SYNTAX only the parameter sets' names are read (its "### Name" or "### Name (Default)" headings): like platyPS,
/// the syntax Get-Help shows is generated from the parameters' metadata.
/// </summary>
public static partial class CommandHelpReader
{
    public const string CommonParametersHeading = "CommonParameters";

    private const string DefaultSetSuffix = " (Default)";

    private static readonly string[] Sections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private static readonly string[] MetadataKeys =
        ["Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters"];

    public static CommandHelp Read(MarkdownDocument document)
    {
        var path = document.Path;
        if (!document.FrontMatter.TryGetValue("external help file", out var helpFile) || helpFile.Length == 0)
        {
            throw new HelpFormatException(path, 1, "The front matter needs 'external help file: <Assembly>.dll-Help.xml'.");
        }

        if (document.Blocks.FirstOrDefault() is not HeadingBlock { Level: 1 } title)
        {
            throw new HelpFormatException(path, 1, "The help starts with '# <Command-Name>'.");
        }

        var expectedName = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(title.Text, expectedName, StringComparison.Ordinal))
        {
            throw new HelpFormatException(path, title.Line, $"The title '{title.Text}' does not match the file name '{expectedName}'.");
        }

        var sections = SplitSections(path, document.Blocks.Skip(1).ToList());
        var parameterSets = ReadParameterSets(sections["SYNTAX"]);
        var parameters = ReadParameters(path, sections["PARAMETERS"]);
        foreach (var parameter in parameters)
        {
            foreach (var set in parameter.ParameterSets.Where(set => set != ParameterHelp.AllParameterSets && !parameterSets.Contains(set, StringComparer.OrdinalIgnoreCase)))
            {
                throw new HelpFormatException(path, sections["SYNTAX"].Line, $"-{parameter.Name} is in the parameter set '{set}', which ## SYNTAX does not name (### {set}).");
            }
        }

        return new CommandHelp
        {
            Name = title.Text,
            ExternalHelpFile = helpFile,
            Synopsis = ReadSynopsis(path, sections["SYNOPSIS"]),
            Description = NonEmpty(path, sections["DESCRIPTION"], "DESCRIPTION"),
            Examples = ReadExamples(path, sections["EXAMPLES"]),
            ParameterSets = parameterSets,
            Parameters = parameters,
            Inputs = ReadTypes(path, sections["INPUTS"]),
            Outputs = ReadTypes(path, sections["OUTPUTS"]),
            Notes = sections["NOTES"].Blocks,
            Links = ReadLinks(path, sections["RELATED LINKS"]),
        };
    }

    private static Dictionary<string, HelpSection> SplitSections(string path, List<MarkdownBlock> blocks)
    {
        var sections = new Dictionary<string, HelpSection>(StringComparer.Ordinal);
        HelpSection? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                if (heading.Level == 1 || !Sections.Contains(heading.Text))
                {
                    throw new HelpFormatException(path, heading.Line, $"Unexpected heading '{heading.Text}': the sections are ## {string.Join(", ## ", Sections)}.");
                }

                if (sections.ContainsKey(heading.Text))
                {
                    throw new HelpFormatException(path, heading.Line, $"## {heading.Text} appears twice.");
                }

                current = new HelpSection(heading.Line, []);
                sections.Add(heading.Text, current);
            }
            else if (current is null)
            {
                throw new HelpFormatException(path, block.Line, "Text before ## SYNOPSIS belongs in a section.");
            }
            else
            {
                current.Blocks.Add(block);
            }
        }

        foreach (var name in Sections.Where(name => !sections.ContainsKey(name)))
        {
            throw new HelpFormatException(path, 1, $"The section ## {name} is missing.");
        }

        return sections;
    }

    // platyPS names each set's syntax block "### Name", the default one "### Name (Default)"; one set has no heading.
    private static List<string> ReadParameterSets(HelpSection section) =>
        section.Blocks.OfType<HeadingBlock>()
            .Where(heading => heading.Level == 3)
            .Select(heading => heading.Text.EndsWith(DefaultSetSuffix, StringComparison.Ordinal) ? heading.Text[..^DefaultSetSuffix.Length] : heading.Text)
            .ToList();

    private static string ReadSynopsis(string path, HelpSection section)
    {
        var blocks = NonEmpty(path, section, "SYNOPSIS");
        if (blocks.Any(block => block is not ParagraphBlock))
        {
            throw new HelpFormatException(path, section.Line, "The synopsis is plain text: one sentence or two.");
        }

        return string.Join(' ', blocks.Cast<ParagraphBlock>().Select(paragraph => paragraph.Text));
    }

    private static List<ExampleHelp> ReadExamples(string path, HelpSection section)
    {
        var examples = new List<ExampleHelp>();
        foreach (var (heading, blocks) in SplitByLevel3(path, section, "EXAMPLES"))
        {
            var firstCode = blocks.FindIndex(block => block is CodeBlock);
            if (firstCode < 0)
            {
                throw new HelpFormatException(path, heading.Line, $"The example '{heading.Text}' has no code block.");
            }

            var lastCode = blocks.FindLastIndex(block => block is CodeBlock);
            var code = string.Join("\n\n", blocks.Skip(firstCode).Take(lastCode - firstCode + 1).OfType<CodeBlock>().Select(block => block.Code));
            examples.Add(new ExampleHelp(heading.Text, blocks.Take(firstCode).ToList(), code, blocks.Skip(lastCode + 1).ToList()));
        }

        if (examples.Count == 0)
        {
            throw new HelpFormatException(path, section.Line, "Every command needs at least one example (### Example 1: ...).");
        }

        return examples;
    }

    private static List<ParameterHelp> ReadParameters(string path, HelpSection section)
    {
        var parameters = new List<ParameterHelp>();
        var sawCommonParameters = false;
        foreach (var (heading, blocks) in SplitByLevel3(path, section, "PARAMETERS"))
        {
            if (heading.Text == CommonParametersHeading)
            {
                sawCommonParameters = true;
                continue;
            }

            if (ParameterHeadingPattern().Match(heading.Text) is not { Success: true } name)
            {
                throw new HelpFormatException(path, heading.Line, $"A parameter heading is '### -Name'; found '### {heading.Text}'.");
            }

            if (parameters.Any(parameter => string.Equals(parameter.Name, name.Groups[1].Value, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpFormatException(path, heading.Line, $"-{name.Groups[1].Value} is documented twice.");
            }

            parameters.AddRange(ReadParameter(path, heading, name.Groups[1].Value, blocks));
        }

        if (!sawCommonParameters)
        {
            throw new HelpFormatException(path, section.Line, $"## PARAMETERS ends with '### {CommonParametersHeading}'.");
        }

        return parameters;
    }

    /// <summary>
    /// One entry per ```yaml block: platyPS writes one block per parameter set when the parameter's metadata differs
    /// between sets (mandatory in one, optional in another), each naming its sets.
    /// </summary>
    private static IEnumerable<ParameterHelp> ReadParameter(string path, HeadingBlock heading, string name, List<MarkdownBlock> blocks)
    {
        var metadataBlocks = blocks.OfType<CodeBlock>().Where(block => block.Language == "yaml").ToList();
        if (metadataBlocks.Count == 0)
        {
            throw new HelpFormatException(path, heading.Line, $"-{name} needs a ```yaml block with its metadata.");
        }

        var description = blocks.Where(block => !metadataBlocks.Contains(block)).ToList();
        if (description.Count == 0)
        {
            throw new HelpFormatException(path, heading.Line, $"-{name} has no description.");
        }

        var entries = metadataBlocks.Select(block => ReadEntry(path, name, description, block)).ToList();
        if (entries.Count > 1)
        {
            var sets = entries.SelectMany(entry => entry.ParameterSets).ToList();
            if (sets.Contains(ParameterHelp.AllParameterSets) || sets.Distinct(StringComparer.OrdinalIgnoreCase).Count() != sets.Count)
            {
                throw new HelpFormatException(path, heading.Line, $"-{name} has several ```yaml blocks: each must name its own parameter sets, and no set twice.");
            }

            if (entries.Select(entry => entry.Type).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            {
                throw new HelpFormatException(path, heading.Line, $"-{name} has one type in every parameter set.");
            }
        }

        return entries;
    }

    private static ParameterHelp ReadEntry(string path, string name, List<MarkdownBlock> description, CodeBlock block)
    {
        var metadata = ReadMetadata(path, block);
        return new ParameterHelp
        {
            Name = name,
            Description = description,
            Type = Required(path, block, metadata, "Type"),
            ParameterSets = List(metadata["Parameter Sets"]) is { Count: > 0 } sets ? sets : [ParameterHelp.AllParameterSets],
            Aliases = List(metadata["Aliases"]),
            Required = Boolean(path, block, metadata, "Required"),
            Position = Required(path, block, metadata, "Position"),
            DefaultValue = metadata["Default value"] is { Length: > 0 } value ? value : "None",
            PipelineInput = Required(path, block, metadata, "Accept pipeline input"),
            Globbing = Boolean(path, block, metadata, "Accept wildcard characters"),
        };
    }

    private static Dictionary<string, string> ReadMetadata(string path, CodeBlock block)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = block.Code.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (string.IsNullOrWhiteSpace(lines[index]))
            {
                continue;
            }

            var colon = lines[index].IndexOf(':');
            var key = colon > 0 ? lines[index][..colon].Trim() : string.Empty;
            if (!MetadataKeys.Contains(key))
            {
                throw new HelpFormatException(path, block.Line + index + 1, $"Unknown parameter metadata '{lines[index].Trim()}'; the keys are {string.Join(", ", MetadataKeys)}.");
            }

            metadata[key] = lines[index][(colon + 1)..].Trim();
        }

        foreach (var key in MetadataKeys.Where(key => !metadata.ContainsKey(key)))
        {
            throw new HelpFormatException(path, block.Line, $"The parameter metadata lacks '{key}:'.");
        }

        return metadata;
    }

    private static string Required(string path, CodeBlock block, Dictionary<string, string> metadata, string key) =>
        metadata[key] is { Length: > 0 } value ? value : throw new HelpFormatException(path, block.Line, $"'{key}:' needs a value.");

    private static bool Boolean(string path, CodeBlock block, Dictionary<string, string> metadata, string key) =>
        bool.TryParse(metadata[key], out var value) ? value : throw new HelpFormatException(path, block.Line, $"'{key}:' is True or False.");

    private static List<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<TypeHelp> ReadTypes(string path, HelpSection section) =>
        SplitByLevel3(path, section, "INPUTS and OUTPUTS").Select(entry => new TypeHelp(entry.Heading.Text, entry.Blocks)).ToList();

    private static List<RelatedLink> ReadLinks(string path, HelpSection section)
    {
        var links = new List<RelatedLink>();
        foreach (var block in section.Blocks)
        {
            if (block is not ParagraphBlock paragraph || LinkPattern().Match(paragraph.Text) is not { Success: true } link)
            {
                throw new HelpFormatException(path, block.Line, "RELATED LINKS holds one [text](address) per paragraph.");
            }

            var target = link.Groups[2].Value;
            links.Add(new RelatedLink(link.Groups[1].Value, InlineText.IsWebAddress(target) ? target : string.Empty));
        }

        return links;
    }

    private static List<(HeadingBlock Heading, List<MarkdownBlock> Blocks)> SplitByLevel3(string path, HelpSection section, string sectionName)
    {
        var entries = new List<(HeadingBlock, List<MarkdownBlock>)>();
        foreach (var block in section.Blocks)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                entries.Add((heading, []));
            }
            else if (block is HeadingBlock other)
            {
                throw new HelpFormatException(path, other.Line, $"Only ### headings belong under ## {sectionName}.");
            }
            else if (entries.Count == 0)
            {
                throw new HelpFormatException(path, block.Line, $"Under ## {sectionName}, every entry starts with a ### heading.");
            }
            else
            {
                entries[^1].Item2.Add(block);
            }
        }

        return entries;
    }

    private static List<MarkdownBlock> NonEmpty(string path, HelpSection section, string name) =>
        section.Blocks.Count > 0 ? section.Blocks : throw new HelpFormatException(path, section.Line, $"## {name} is empty.");

    [GeneratedRegex(@"^-([A-Za-z][A-Za-z0-9]*)$")]
    private static partial Regex ParameterHeadingPattern();

    [GeneratedRegex(@"^\[([^\]]+)\]\(([^)\s]+)\)$")]
    private static partial Regex LinkPattern();
}
