using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeePS.Simulation;
using EdgeePS.Tests.Hardening;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// Send-EdgeeCompletion -ThrottleLimit by script text against the local gateway: up to n requests at once (the
/// gateway holds its answers until n have arrived, and no more than n connections carry them), answers and errors written in
/// input order whatever order they finish in, one shared pause for a rate limit with nothing lost or sent twice,
/// Ctrl+C and Select-Object -First closing every connection, and the combinations refused before any request.
/// </summary>
public sealed partial class ThrottleLimitTests : HardeningTestBase
{
    public ThrottleLimitTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void Up_to_n_requests_are_in_flight_at_once_never_more_and_answers_come_in_input_order()
    {
        const int Limit = 4;
        var waves = new[] { new StreamBarrier(Limit), new StreamBarrier(Limit) };
        Route(number =>
        {
            var wave = waves[(number - 1) / Limit];
            wave.Arrive();
            // Within a wave the later prompts answer first: the order written must still be the input's.
            return ScriptedAnswers.WholeText($"answer {number}").WaitFor(wave.WaitAsync(Patience)).Delay(TimeSpan.FromMilliseconds(10 * (Limit - ((number - 1) % Limit))));
        });

        var result = Run("1..8 | ForEach-Object { \"prompt $_\" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 4 -Verbose | ForEach-Object Text");

        Assert.Equal(Enumerable.Range(1, 8).Select(number => $"answer {number}"), result.EnsureSuccess().Output.Select(item => item.ToString()));
        Assert.True(waves.All(wave => wave.AllArrived), $"Not all {Limit} requests of a wave were in flight at once (arrivals: {string.Join(", ", waves.Select(wave => wave.Arrived))}).");
        // One request at a time per HTTP/1.1 connection, and the second wave rides the first wave's: never more than 4 at once.
        Assert.Equal(8, Gateway.Requests.Count);
        Assert.Equal(Limit, Gateway.Requests.Select(request => request.ConnectionId).Distinct().Count());
        var verbose = VerboseText(result);
        Assert.Contains("Up to 4 requests in flight at once", verbose);
        Assert.Contains("with 4 request(s) of the batch in flight", verbose);
        Assert.Contains("Batch done: 8 input(s), at most 4 of 4 request(s) in flight at once, 0 shared pause(s)", verbose);
    }

    [Fact]
    public void Without_ThrottleLimit_or_at_1_inputs_go_one_at_a_time_as_before()
    {
        Route(number => ScriptedAnswers.WholeText($"answer {number}"));

        var result = Run("""
            1..3 | ForEach-Object { "prompt $_" } | Send-EdgeeCompletion gpt-5.2 | ForEach-Object Text
            1..3 | ForEach-Object { "prompt $_" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 1 -Verbose | ForEach-Object Text
            """);

        Assert.Equal(["answer 1", "answer 2", "answer 3", "answer 1", "answer 2", "answer 3"], result.EnsureSuccess().Output.Select(item => item.ToString()));
        // Two requests at once would need two connections.
        Assert.Single(Gateway.Requests.Select(request => request.ConnectionId).Distinct());
        Assert.DoesNotContain("in flight", VerboseText(result));
    }

    [Fact]
    public void Errors_stay_non_terminating_per_input_and_come_at_their_turn()
    {
        var thirdArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Route(number =>
        {
            switch (number)
            {
                case 1:
                    // Held until the failing third has been answered: its error must still come after this answer.
                    return ScriptedAnswers.WholeText("answer 1").WaitFor(thirdArrived.Task.WaitAsync(Patience));
                case 3:
                    thirdArrived.TrySetResult();
                    return Failure(400, "bad prompt", "invalid_request_error");
                default:
                    return ScriptedAnswers.WholeText($"answer {number}");
            }
        });

        var result = Run("""
            'prompt 1', @{ nothing = 'here' }, 'prompt 3', 'prompt 4' |
                Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 4 -MaximumRetryCount 0 2>&1 |
                ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "error " + $_.FullyQualifiedErrorId } else { $_.Text } }
            'after'
            """);

        Assert.Null(result.TerminatingError);
        Assert.Equal(
            ["answer 1", "error MessagesMissing" + Send, "error ApiError" + Send, "answer 4", "after"],
            result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void A_rate_limit_pauses_the_batch_once_and_nothing_is_lost_or_sent_twice()
    {
        var limited = 0;
        Gateway.Route(request =>
        {
            var number = Number(request);
            if (number is null)
            {
                return null;
            }

            return Interlocked.Exchange(ref limited, 1) == 0
                ? ScriptedResponse.Error(429, "rate_limit_error", "slow down", "rate_limit_exceeded").Header("Retry-After", "1")
                : ScriptedAnswers.WholeText($"answer {number}");
        });

        var result = Run("1..6 | ForEach-Object { \"prompt $_\" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 3 -Verbose | ForEach-Object Text");

        Assert.Equal(Enumerable.Range(1, 6).Select(number => $"answer {number}"), result.EnsureSuccess().Output.Select(item => item.ToString()));
        // Six answers and the one 429: no prompt sent twice after it was answered.
        Assert.Equal(7, Gateway.Requests.Count);
        Assert.All(Enumerable.Range(1, 6), number => Assert.InRange(Gateway.Requests.Count(request => Number(request) == number), 1, 2));
        var verbose = VerboseText(result);
        Assert.Contains("Every request of the batch pauses until 1 s from now.", verbose);
        Assert.Contains("1 shared pause(s) for rate limits", verbose);
    }

    [Theory]
    [InlineData("'prompt 1' | Send-EdgeeCompletion gpt-5.2 -Stream -ThrottleLimit 2", "a stream is written as it arrives")]
    [InlineData("'prompt 1' | Send-EdgeeCompletion gpt-5.2 -Chat (New-EdgeeChat) -ThrottleLimit 2", "-Chat sends each turn after the one before it")]
    [InlineData("'some context' | Send-EdgeeCompletion gpt-5.2 'prompt 1' -ThrottleLimit 2", "everything piped in is the context of one request")]
    public void Combinations_that_cannot_go_at_once_are_refused_before_any_request(string script, string reason)
    {
        var result = Run(script);

        var error = result.TerminatingError ?? Assert.Single(result.Errors);
        Assert.Equal("ThrottleLimitNotSupported" + Send, error.FullyQualifiedErrorId);
        Assert.Contains(reason, error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(Gateway.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ThrottleLimit_out_of_range_is_refused_before_any_request(int limit)
    {
        var result = Run($"'prompt 1' | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit {limit}");

        var error = result.TerminatingError ?? Assert.Single(result.Errors);
        Assert.Equal("ParameterArgumentValidationError" + Send, error.FullyQualifiedErrorId);
        Assert.Contains("ThrottleLimit", error.Exception.Message);
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public async Task CtrlC_stops_the_whole_batch_at_once_and_closes_every_connection()
    {
        Route(_ => ScriptedResponse.Status(200).Stall());
        var pipeline = Start("1..6 | ForEach-Object { \"prompt $_\" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 3");
        await Eventually(() => Gateway.Requests.Count == 3, "three requests in flight");

        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        var result = await pipeline.Completion.WaitAsync(Patience);
        clock.Stop();

        Assert.True(result.Stopped);
        Assert.Empty(result.Errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stopping took {clock.Elapsed}.");
        await Task.WhenAll(Gateway.Requests.Select(request => request.ClientDisconnected)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, Gateway.Requests.Count);
    }

    [Fact]
    public async Task Select_Object_First_stops_the_whole_batch_and_closes_every_connection()
    {
        // The first answer waits until three requests are in flight; the others never come.
        var inFlight = new StreamBarrier(3);
        Route(number =>
        {
            inFlight.Arrive();
            return number == 1 ? ScriptedAnswers.WholeText("answer 1").WaitFor(inFlight.WaitAsync(Patience)) : ScriptedResponse.Status(200).Stall();
        });

        var result = Run("1..6 | ForEach-Object { \"prompt $_\" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 3 | Select-Object -First 1 | ForEach-Object Text");

        Assert.Equal(["answer 1"], result.EnsureSuccess().Output.Select(item => item.ToString()));
        Assert.True(inFlight.AllArrived, $"Only {inFlight.Arrived} request(s) were in flight at once.");
        var requests = Gateway.Requests;
        Assert.InRange(requests.Count, 3, 4);
        // The answered request's connection goes back to the pool; every one still waiting for its answer is closed.
        var unanswered = requests.Where(request => Number(request) != 1).ToList();
        Assert.InRange(unanswered.Count, 2, 3);
        var closed = await Task.WhenAll(unanswered.Select(request => request.ClientDisconnected)).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(done => done.IsCompletedSuccessfully);
        Assert.True(closed, "Still open: " + string.Join(", ", unanswered.Where(request => !request.ClientDisconnected.IsCompleted).Select(request => $"prompt {Number(request)} on {request.ConnectionId}")) +
            "; all: " + string.Join(", ", requests.Select(request => $"prompt {Number(request)} on {request.ConnectionId}")));
    }

    [Fact]
    public void A_structured_answer_is_read_at_its_turn_as_without_a_batch()
    {
        Route(number => ScriptedAnswers.WholeText($$"""{"n":{{number}}}"""));

        var result = Run("1..3 | ForEach-Object { \"prompt $_\" } | Send-EdgeeCompletion gpt-5.2 -Json -ThrottleLimit 3 | ForEach-Object { $_.Parsed.n }");

        Assert.Equal(["1", "2", "3"], result.EnsureSuccess().Output.Select(item => item.ToString()));
    }

    /// <summary>Answers each chat request by its prompt's number.</summary>
    private void Route(Func<int, ScriptedResponse> answer) =>
        Gateway.Route(request =>
        {
            if (Number(request) is not int number)
            {
                return null;
            }

            return answer(number);
        });

    private static int? Number(RecordedRequest request) =>
        PromptNumber().Match(request.Body) is { Success: true } match ? int.Parse(match.Groups["n"].Value) : null;

    private static Task Eventually(Func<bool> condition, string what) =>
        Core.Eventually.WaitUntilAsync(condition, Patience, () => $"Never reached: {what}.");

    [GeneratedRegex(@"prompt (?<n>\d+)")]
    private static partial Regex PromptNumber();
}
