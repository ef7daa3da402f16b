using System.Management.Automation;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

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
    public void ModelListingErrorsAreErrorRecords()
    {
        using var refusing = new RefusingPort();

        var result = Run($"Get-EdgeeModel -MaximumRetryCount 0 -BaseUrl '{refusing.BaseUrl}'");

        Assert.Equal("ConnectionFailed,EdgeePS.Cmdlets.GetEdgeeModelCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void ANameWithoutWildcardsThatMatchesNothingIsAnObjectNotFoundError()
    {
        var result = Run("""
            Get-EdgeeModel no-such-model | ForEach-Object Id
            "after: $?"
            """);

        Assert.Equal(new[] { "after: False" }, result.Output.Select(item => item.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ModelNotFound,EdgeePS.Cmdlets.GetEdgeeModelCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-model", error.TargetObject);
        Assert.Contains("'no-such-model'", error.Exception.Message);
        Assert.Contains("Get-EdgeeModel", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void AWildcardThatMatchesNothingIsSilent()
    {
        var result = Run("""
            Get-EdgeeModel 'nothing-*', '*-nowhere' | ForEach-Object Id
            "after: $?"
            """);

        Assert.Equal(new[] { "after: True" }, result.Output.Select(item => item.ToString()));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void AMixReportsOnlyTheMissingLiteralsAndStillListsTheMatches()
    {
        var result = Run("Get-EdgeeModel GPT-5.2, 'missing-one', 'claude-*', 'zzz*', 'missing-two' | ForEach-Object Id");

        Assert.Equal(new[] { "gpt-5.2", "claude-sonnet-4.5" }, result.Output.Select(item => item.ToString()));
        Assert.Equal(new object[] { "missing-one", "missing-two" }, result.Errors.Select(error => error.TargetObject));
        Assert.All(result.Errors, error => Assert.Equal("ModelNotFound,EdgeePS.Cmdlets.GetEdgeeModelCommand", error.FullyQualifiedErrorId));
        Assert.Single(Gateway.Requests);
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
