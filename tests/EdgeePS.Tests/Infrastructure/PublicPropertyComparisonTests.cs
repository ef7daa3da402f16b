using System.Text.Json;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>The parity tests rest on this comparison, so it must find a difference wherever one hides.</summary>
public sealed class PublicPropertyComparisonTests
{
    [Fact]
    public void EqualGraphsHaveNoDifferences()
    {
        Assert.Empty(PublicPropertyComparison.Differences(Response(), Response()));
    }

    [Fact]
    public void ADifferenceDeepInsideIsNamedByItsPath()
    {
        var changed = Response();
        changed.Choices[0].Message!.ToolCalls![0].Function!.Arguments = "{}";

        var differences = PublicPropertyComparison.Differences(Response(), changed);

        // The message's own and the response's shortcut (ToolCalls) both lead there.
        Assert.Contains("$.Choices[0].Message.ToolCalls[0].Function.Arguments: expected \"{\"a\":1}\", got \"{}\"", differences);
        Assert.All(differences, difference => Assert.EndsWith("Function.Arguments: expected \"{\"a\":1}\", got \"{}\"", difference));
    }

    [Fact]
    public void AMissingListItemANullAndADifferentJsonValueAreDifferences()
    {
        var changed = Response();
        changed.Choices[0].Message!.ToolCalls!.Clear();
        changed.Usage = null;
        changed.AdditionalProperties!["system_fingerprint"] = JsonDocument.Parse("\"fp_2\"").RootElement.Clone();
        changed.IsComplete = false;

        var differences = PublicPropertyComparison.Differences(Response(), changed);

        Assert.Contains(differences, difference => difference.StartsWith("$.Choices[0].Message.ToolCalls: expected 1 item(s), got 0"));
        Assert.Contains(differences, difference => difference.StartsWith("$.Usage: expected"));
        Assert.Contains(differences, difference => difference.StartsWith("$.AdditionalProperties[system_fingerprint]"));
        Assert.Contains(differences, difference => difference.StartsWith("$.IsComplete"));
    }

    private static CompletionResponse Response() => new()
    {
        Id = "c",
        Choices = [new CompletionChoice
        {
            Message = new ChatMessage("assistant", null) { ToolCalls = [new ToolCall { Id = "t", Function = new FunctionCall { Name = "f", Arguments = """{"a":1}""" } }] },
        }],
        Usage = new Usage { TotalTokens = 3 },
        AdditionalProperties = new Dictionary<string, JsonElement> { ["system_fingerprint"] = JsonDocument.Parse("\"fp_1\"").RootElement.Clone() },
    };
}
