using System.Management.Automation;
using EdgeePS.Tests.Cmdlets;

namespace EdgeePS.Tests.Simulation;

/// <summary>Add-EdgeeSimulatorResponse refuses what cannot be built, clearly, before anything is queued.</summary>
public sealed class SimulatorValidationTests : SimulatorTestBase
{
    public SimulatorValidationTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Theory]
    [InlineData("-Status 500 -Text 'hi'", "StatusConflictsWithAnswer", "-Text")]
    [InlineData("-Status 429 -ToolCall @{ name = 'x' }", "StatusConflictsWithAnswer", "-ToolCall")]
    [InlineData("-Status 503 -DropAfter 1", "StatusConflictsWithAnswer", "-DropAfter")]
    [InlineData("-Status 500 -ErrorAfter 1", "StatusConflictsWithAnswer", "-ErrorAfter")]
    [InlineData("-Text 'hi' -ErrorCode 'x'", "StatusMissing", "-ErrorAfter")]
    [InlineData("-Text 'hi' -ErrorAfter 1 -RetryAfterSec 1", "StatusMissing", "-RetryAfterSec")]
    [InlineData("-Text 'hi' -InStream", "StatusMissing", "-InStream")]
    [InlineData("", "ResponseMissing", "-Text")]
    [InlineData("-Reasoning 'thinking'", "ResponseMissing", "-ToolCall")]
    [InlineData("-Text 'hi' -StallAfter 1", "StallParametersIncomplete", "-StallSec")]
    [InlineData("-Text 'hi' -StallSec 2", "StallParametersIncomplete", "-StallAfter")]
    [InlineData("-Text 'one two' -DropAfter 5", "FaultBeyondAnswer", "use 0 to 4")]
    [InlineData("-Text 'one two' -DropAfter 1 -MalformedAfter 2", "FaultBeyondAnswer", "-DropAfter 1")]
    [InlineData("-Text 'one two' -ErrorAfter 5", "FaultBeyondAnswer", "use 0 to 4")]
    [InlineData("-Text 'one two' -ErrorAfter 1 -StallAfter 2 -StallSec 1", "FaultBeyondAnswer", "-ErrorAfter 1")]
    [InlineData("-Text 'one two' -ErrorAfter 2 -DropAfter 1", "FaultBeyondAnswer", "-DropAfter 1")]
    [InlineData("-Text 'one', 'two' -DropAfter 7", "FaultBeyondAnswer", "use 0 to 6")]
    [InlineData("-ToolCall @{ arguments = @{ unit = 'nginx' } }", "InvalidToolCall", "no name")]
    [InlineData("-ToolCall @{ name = 'x'; argument = 1 }", "InvalidToolCall", "'argument'")]
    [InlineData("-Text 'hi' -Usage @{ prompts = 1 }", "InvalidUsage", "'prompts'")]
    [InlineData("-Text 'hi' -Usage @{ prompt = -1 }", "InvalidUsage", "prompt")]
    [InlineData("-Text 'hi' -Usage @{ completion = 'many' }", "InvalidUsage", "'many'")]
    public void BadInputEndsTheCommandWithAStableErrorIdAndQueuesNothing(string parameters, string errorId, string named)
    {
        // try/catch catches only terminating errors: without -ErrorAction Stop, a non-terminating one would go past it.
        var result = Run($"try {{ Add-EdgeeSimulatorResponse $simulator {parameters}; 'not reached' }} catch {{ $_ }}");

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(errorId + Add, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(named, error.Exception.Message);
        Assert.Equal(0, Simulator.QueuedResponses);
    }

    [Fact]
    public void AStatusOutsideTheErrorRangeIsRefusedByParameterValidation()
    {
        var result = Run("Add-EdgeeSimulatorResponse $simulator -Status 200");

        Assert.Equal("ParameterArgumentValidationError" + Add, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, Simulator.QueuedResponses);
    }

    [Fact]
    public void QueuingOnAStoppedSimulatorIsAnErrorForThatSimulatorOnly()
    {
        var result = Run("""
            $stopped = Start-EdgeeSimulator
            Stop-EdgeeSimulator $stopped
            $stopped, $simulator | Add-EdgeeSimulatorResponse -Text 'hi'
            $simulator.QueuedResponses
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("SimulatorStopped" + Add, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal("1", result.Output.Single().ToString());
    }

    [Fact]
    public void ErrorTypeCompletesFromTheGatewaysErrorTypes()
    {
        var lines = Lines("""
            $line = 'Add-EdgeeSimulatorResponse -Simulator $simulator -Status 502 -ErrorType pro'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
            $line = 'Add-EdgeeSimulatorResponse -Simulator $simulator -Status 502 -ErrorType '
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).Count
            """);

        Assert.Equal(["provider_error", "7"], lines);
    }

    [Fact]
    public void VerboseTellsWhatWasQueuedAndHowManyChunksItStreams()
    {
        var result = Run("Add-EdgeeSimulatorResponse $simulator -Text 'a b c' -Count 2 -Verbose; Add-EdgeeSimulatorResponse $simulator -Status 429 -InStream -Verbose").EnsureSuccess();

        Assert.Collection(
            result.Verbose.Select(record => record.Message),
            message => Assert.Equal($"Queued an answer of 5 chunk(s) when streamed, 2 times, on the simulator at {Simulator.BaseUrl}.", message),
            message => Assert.Equal($"Queued a 429 refusal (rate_limit_error, in a 200 body) on the simulator at {Simulator.BaseUrl}.", message));
    }
}
