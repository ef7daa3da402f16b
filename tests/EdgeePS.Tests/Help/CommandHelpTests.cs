namespace EdgeePS.Tests.Help;

/// <summary>
/// Get-Help, in the real engine with the module imported, shows written help for every exported cmdlet: the
/// generated MAML is found, parsed, and agrees with the cmdlets as they are now.
/// </summary>
public sealed class CommandHelpTests : IClassFixture<ImportedModuleFixture>
{
    private static readonly string[] ChatCmdlets = ["Invoke-EdgeeStream", "Send-EdgeeCompletion"];

    private readonly IReadOnlyList<CommandHelpFacts> _commands;

    public CommandHelpTests(ImportedModuleFixture fixture) => _commands = CommandHelpFacts.ForEveryExportedCmdlet(fixture.Session);

    [Fact]
    public void HelpCoversTheFifteenExportedCmdlets()
    {
        Assert.Equal(
            ["Add-EdgeeSimulatorResponse", "Connect-Edgee", "Disconnect-Edgee", "Enter-EdgeeChat", "Get-EdgeeConfiguration", "Get-EdgeeModel", "Get-EdgeeSimulatorRequest",
             "Invoke-EdgeeStream", "Join-EdgeeStream", "New-EdgeeChat", "New-EdgeeTool", "Send-EdgeeCompletion", "Show-EdgeeStream", "Start-EdgeeSimulator", "Stop-EdgeeSimulator"],
            _commands.Select(command => command.Name));
    }

    [Fact]
    public void EveryCmdletHasAWrittenSynopsisAndDescription()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            // With no help file found, Get-Help makes the synopsis out of the syntax line.
            if (command.Synopsis.Length == 0 || command.Synopsis.Contains("[<CommonParameters>]", StringComparison.Ordinal))
            {
                problems.Add($"{command.Name}: no written synopsis (Get-Help shows '{command.Synopsis}').");
            }
            else if (!command.Synopsis.EndsWith('.'))
            {
                problems.Add($"{command.Name}: the synopsis is not a sentence: '{command.Synopsis}'.");
            }

            if (command.Description.Length == 0 || command.Description == command.Synopsis)
            {
                problems.Add($"{command.Name}: no description beyond the synopsis.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryParameterIsDocumentedWithADescription()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            foreach (var parameter in command.RealParameters)
            {
                if (!command.HelpParameters.TryGetValue(parameter.Name, out var help))
                {
                    problems.Add($"{command.Name} -{parameter.Name}: not in Get-Help.");
                }
                else if (string.IsNullOrWhiteSpace(help.Description))
                {
                    problems.Add($"{command.Name} -{parameter.Name}: no description.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void HelpDescribesEachParameterExactlyAsTheCmdletDefinesIt()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            var real = command.RealParameters.ToDictionary(parameter => parameter.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var stale in command.HelpParameters.Keys.Where(name => !real.ContainsKey(name)))
            {
                problems.Add($"{command.Name} -{stale}: documented, but the cmdlet has no such parameter.");
            }

            foreach (var (name, facts) in real)
            {
                // Documented per parameter set, Get-Help's list shows the first set's position and pipeline input: the syntax test checks each set's.
                var documented = command.HelpParameters.TryGetValue(name, out var help) && facts.Position == ParameterFacts.PerSet
                    ? help.Facts with { Position = ParameterFacts.PerSet, PipelineInput = ParameterFacts.PerSet }
                    : help.Facts;
                if (help.Facts is not null && documented != facts)
                {
                    problems.Add($"{command.Name} -{name}: help says {help.Facts}; the cmdlet is {facts}.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void HelpShowsOneSyntaxLinePerParameterSetWithExactlyItsParameters()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            var help = command.HelpSyntax.Order(StringComparer.Ordinal).ToList();
            var real = command.RealParameterSets.Order(StringComparer.Ordinal).ToList();
            if (!help.SequenceEqual(real))
            {
                problems.Add($"{command.Name}: help's syntax is [{string.Join(" | ", help)}]; the parameter sets are [{string.Join(" | ", real)}].");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EachSyntaxLineStatesEveryParameterAsItsParameterSetHasIt()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            foreach (var set in command.RealSetParameters)
            {
                var names = set.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
                var line = command.HelpSyntaxParameters.FirstOrDefault(help => help.Keys.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(names, StringComparer.OrdinalIgnoreCase));
                if (line is null)
                {
                    // The syntax test names the set that has no line.
                    continue;
                }

                foreach (var (name, facts) in set.Where(parameter => line[parameter.Key] != parameter.Value))
                {
                    problems.Add($"{command.Name} -{name} in the set of [{string.Join(", ", names)}]: help says {line[name]}; the cmdlet is {facts}.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ChatCmdletsHaveAtLeastThreeExamplesAndTheOthersAtLeastOne()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            var required = ChatCmdlets.Contains(command.Name) ? 3 : 1;
            if (command.ExampleCode.Count < required)
            {
                problems.Add($"{command.Name}: {command.ExampleCode.Count} example(s); at least {required} expected.");
            }

            if (command.ExampleCode.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{command.Name}: an example without code.");
            }

            // An example that never runs the command it documents teaches nothing about it.
            if (command.ExampleCode.Count > 0 && !command.ExampleCode.Any(code => code.Contains(command.Name, StringComparison.Ordinal)))
            {
                problems.Add($"{command.Name}: no example uses it.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
