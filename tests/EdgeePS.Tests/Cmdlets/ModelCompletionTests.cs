using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// -Model tab completion through TabExpansion2, as PSReadLine asks for it: from the gateway the command line names
/// (-BaseUrl, -ApiKey as a string, a variable or a SecureString), case-insensitive, with ids quoted where the parser
/// would not read them back as typed. Each test lists from a gateway of its own: listings are cached per gateway.
/// </summary>
public sealed class ModelCompletionTests : CmdletTestBase
{
    private const string TypedKey = "sk-edgee-typed-9Wc4rT";

    private static readonly string[] OddIds = ["gpt-5.2", "GPT-Upper", "team model (beta)", "-leading-dash", "1e3", "o'brien", "cost$saver"];

    public ModelCompletionTests(SessionFixture fixture) : base(fixture)
    {
    }

    protected override bool ConnectByDefault => false;

    [Fact]
    public void TheGatewayAndKeyTypedOnTheLineAreAskedEvenWhenTheSessionNamesAnother()
    {
        using var typed = new ModelListingServer("typed-gateway-model", "gpt-typed");

        var completions = Complete($"Invoke-EdgeeStream -BaseUrl '{typed.BaseUrl}' -ApiKey '{TypedKey}' -Model ", connectToSimulator: true);

        Assert.Equal(["typed-gateway-model", "gpt-typed"], completions.Select(completion => completion.Text));
        var request = Assert.Single(typed.Requests);
        Assert.Equal(("GET /v1/models HTTP/1.1", "Bearer " + TypedKey), request);
        Assert.DoesNotContain(Gateway.Requests, recorded => recorded.Path == "/v1/models");
    }

    [Theory]
    [InlineData("$typedKey")]
    [InlineData("$secureKey")]
    public void AKeyInAVariableIsUsedAndNeverShown(string keyExpression)
    {
        using var server = new ModelListingServer("from-variable");

        var completions = Complete($"Send-EdgeeCompletion -ApiKey {keyExpression} -BaseUrl '{server.BaseUrl}' -Model from");

        Assert.Equal(["from-variable"], completions.Select(completion => completion.Text));
        Assert.Equal("Bearer " + TypedKey, Assert.Single(server.Requests).Authorization);
        Assert.All(completions, completion => Assert.DoesNotContain(TypedKey, completion.ToString()));
    }

    [Fact]
    public void MatchingIgnoresCase()
    {
        using var server = new ModelListingServer(OddIds);

        var completions = Complete($"Invoke-EdgeeStream -ApiKey '{TypedKey}' -BaseUrl '{server.BaseUrl}' -Model gP");

        Assert.Equal(["gpt-5.2", "GPT-Upper"], completions.Select(completion => completion.Text));
    }

    [Fact]
    public void IdsThatTheParserWouldNotReadBackAreQuoted()
    {
        using var server = new ModelListingServer(OddIds);

        var completions = Complete($"Invoke-EdgeeStream -ApiKey '{TypedKey}' -BaseUrl '{server.BaseUrl}' -Model ");

        Assert.Equal(
            ["gpt-5.2", "GPT-Upper", "'team model (beta)'", "'-leading-dash'", "'1e3'", "'o''brien'", "'cost$saver'"],
            completions.Select(completion => completion.Text));
        // What is shown in the menu is the id itself.
        Assert.Equal(OddIds, completions.Select(completion => completion.ListItem));
    }

    [Fact]
    public void AQuoteTheUserStartedIsKept()
    {
        using var server = new ModelListingServer(OddIds);
        var line = $"Invoke-EdgeeStream -ApiKey '{TypedKey}' -BaseUrl '{server.BaseUrl}' -Model ";

        var single = Complete(line + "'te");
        var twice = Complete(line + "\"gp");
        var expanding = Complete(line + "\"cost");

        Assert.Equal(["'team model (beta)'"], single.Select(completion => completion.Text));
        Assert.Equal(["\"gpt-5.2\"", "\"GPT-Upper\""], twice.Select(completion => completion.Text));
        // In double quotes '$saver' would be a variable: single quotes keep it literal.
        Assert.Equal(["'cost$saver'"], expanding.Select(completion => completion.Text));
    }

    [Fact]
    public void EveryCompletedIdRunsAsTyped()
    {
        using var server = new ModelListingServer(OddIds);

        var completions = Complete($"Invoke-EdgeeStream -ApiKey '{TypedKey}' -BaseUrl '{server.BaseUrl}' -Model ");
        var parsed = Run(string.Join('\n', completions.Select(completion => $"& {{ param($Model) $Model }} -Model {completion.Text}"))).EnsureSuccess();

        Assert.Equal(OddIds, parsed.Output.Select(item => item.ToString()));
    }

    private List<(string Text, string ListItem)> Complete(string line, bool connectToSimulator = false)
    {
        var script = $$"""
            Disconnect-Edgee
            $typedKey = '{{TypedKey}}'
            $secureKey = [System.Security.SecureString]::new(); foreach ($c in $typedKey.ToCharArray()) { $secureKey.AppendChar($c) }
            {{(connectToSimulator ? "Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase" : string.Empty)}}
            try {
                $line = '{{line.Replace("'", "''")}}'
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText + "`t" + $_.ListItemText + "`t" + $_.ToolTip }
            } finally { Disconnect-Edgee }
            """;
        var result = Run(script).EnsureSuccess();
        Assert.DoesNotContain(TypedKey, result.AllText());
        return result.Output.Select(item => item.ToString()!.Split('\t')).Select(parts => (parts[0], parts[1])).ToList();
    }
}
