using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

public sealed class ModelTests : CmdletTestBase
{
    public ModelTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void GetEdgeeModelListsAndFiltersWithWildcards()
    {
        var result = Run("""
            (Get-EdgeeModel | ForEach-Object Id) -join ','
            (Get-EdgeeModel -Name 'GPT-*', '*sonnet*' | ForEach-Object Id) -join ','
            $model = Get-EdgeeModel gpt-5.2
            $model.GetType().FullName, $model.OwnedBy, $model.CreatedAt.Year
            """).EnsureSuccess();

        var all = result.Output[0].ToString()!.Split(',');
        Assert.True(all.Length >= 3, $"expected the simulator's models, got {result.Output[0]}");
        Assert.All(result.Output[1].ToString()!.Split(','), id => Assert.True(id.StartsWith("gpt-") || id.Contains("sonnet"), id));
        Assert.Equal(new[] { "EdgeePS.ModelInfo", "openai", "2023" }, result.Output.Skip(2).Select(item => item.ToString()));
        Assert.All(Gateway.Requests, request => Assert.Equal(("GET", "/v1/models"), (request.Method, request.Path)));
    }

    [Fact]
    public async Task ModelListingErrorsAreErrorRecords()
    {
        var closedPort = Gateway.BaseUrl.Port;
        await Gateway.DisposeAsync();

        var result = Run($"Get-EdgeeModel -MaximumRetryCount 0 -BaseUrl 'http://127.0.0.1:{closedPort}'");

        Assert.Equal("ConnectionFailed,EdgeePS.Cmdlets.GetEdgeeModelCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void ModelTabCompletesFromTheGatewaysListing()
    {
        var result = Run("""
            Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase
            try {
                $line = 'Invoke-EdgeeStream -Model gpt'
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
            } finally { Disconnect-Edgee }
            """).EnsureSuccess();

        var completions = result.Output.Select(item => item.ToString()).ToList();
        Assert.Contains("gpt-5.2", completions);
        Assert.All(completions, id => Assert.StartsWith("gpt", id));
        Assert.Contains(Gateway.Requests, request => request.Path == "/v1/models");
    }

    [Fact]
    public void ModelTabCompletesFromTheBuiltInListWhenNoGatewayAnswers()
    {
        var result = Run("""
            $line = 'Send-EdgeeCompletion claude'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
            """);

        Assert.Contains("claude-sonnet-4.5", result.Output.Select(item => item.ToString()));
    }
}
