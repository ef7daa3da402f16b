using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Pester;

/// <summary>
/// tests/pester/TestGateway.ps1 is the gateway every Pester suite stands on. Pester cannot run here, but the
/// helper is plain PowerShell and .NET: run it in this engine and check it answers as the suites expect.
/// </summary>
public sealed class TestGatewayScriptTests : IDisposable
{
    private static readonly string HelperPath = Path.Combine(ModulePaths.RepoRoot, "tests", "pester", "TestGateway.ps1");

    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void StreamsTheDefaultAnswerWordByWordAndRecordsTheRequest()
    {
        var output = RunWithGateway("""
            $chunks = @(Invoke-EdgeeStream gpt-5.2 'ping pong' -ApiKey 'sk-helper')
            $chunks.Count
            -join $chunks.Text
            $chunks[-1].FinishReason
            $request = @(Get-TestGatewayRequest -Gateway $gateway)[-1]
            $request.Method + ' ' + $request.Path
            $request.Authorization
            $request.Body.Contains('"stream":true')
            """);

        // A role chunk, four words ("You ", "said: ", "ping ", "pong") and a finish chunk.
        Assert.Equal(["6", "You said: ping pong", "stop", "POST /v1/chat/completions", "Bearer sk-helper", "True"], output);
    }

    [Fact]
    public void AddsUsageWhenAskedAndAnswersWholeCompletionsAndModelListings()
    {
        var output = RunWithGateway("""
            $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'k'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
            (Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'a b' }); stream_options = @{ include_usage = $true } })[-1].Usage.TotalTokens
            $reply = Send-EdgeeCompletion gpt-5.2 'hello'
            $reply.Text
            $reply.Provider
            (Get-EdgeeModel).Id -join ','
            """, withDefaults: false);

        Assert.Equal(["6", "You said: hello", "test-gateway", "gpt-5.2,gpt-5-mini,claude-sonnet-4.5"], output);
    }

    [Fact]
    public void ScriptedErrorsAndCutStreamsReachTheCmdletsAsTheirErrorRecords()
    {
        var output = RunWithGateway("""
            Add-TestGatewayResponse -Gateway $gateway -Status 429 -Body (New-TestGatewayError -Type rate_limit_error -Message 'Slow down' -Code rate_limited) -Header @{ 'Retry-After' = '0' }
            $null = Send-EdgeeCompletion gpt-5.2 'hi' -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId
            $failures[0].Exception.ErrorCode
            Add-TestGatewayResponse -Gateway $gateway -Events (New-TestGatewayChunk -Content 'Half an '), (New-TestGatewayChunk -Content 'answer') -NoDone
            $chunks = @(Invoke-EdgeeStream gpt-5.2 'hi' -ErrorVariable cut -ErrorAction SilentlyContinue)
            -join $chunks.Text
            $cut[0].FullyQualifiedErrorId
            """);

        Assert.Equal(
            ["ApiError,EdgeePS.Cmdlets.SendEdgeeCompletionCommand", "rate_limited", "Half an answer", "StreamTruncated,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand"],
            output);
    }

    [Fact]
    public void AClientThatStopsEarlyDoesNotHoldUpTheNextRequest()
    {
        var output = RunWithGateway("""
            Add-TestGatewayResponse -Gateway $gateway -Events (1..100 | ForEach-Object { New-TestGatewayChunk -Content "$_ " }) -DelayMilliseconds 100
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            -join (Invoke-EdgeeStream gpt-5.2 'count' | Select-Object -First 3 | ForEach-Object Text)
            (Send-EdgeeCompletion gpt-5.2 'next').Text
            # Writing all 100 events to a client that left would hold the one-at-a-time gateway for 10 s.
            $clock.Elapsed.TotalSeconds -lt 6
            """);

        Assert.Equal(["1 2 3 ", "You said: next", "True"], output);
    }

    [Fact]
    public void RequestsWithoutABearerTokenAreRefusedAsTheRealGatewayRefusesThem()
    {
        var output = RunWithGateway("""
            $client = [System.Net.Http.HttpClient]::new()
            try { [int] $client.GetAsync($gateway.BaseUrl + '/v1/models').GetAwaiter().GetResult().StatusCode } finally { $client.Dispose() }
            """);

        Assert.Equal(["401"], output);
    }

    [Fact]
    public void StoppingTheGatewayClosesItsPort()
    {
        var result = _session.Run($$"""
            . '{{HelperPath}}'
            $gateway = Start-TestGateway
            Stop-TestGateway -Gateway $gateway
            $null = Send-EdgeeCompletion gpt-5.2 'hi' -ApiKey 'k' -BaseUrl $gateway.BaseUrl -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId
            """);

        Assert.Equal(["ConnectionFailed,EdgeePS.Cmdlets.SendEdgeeCompletionCommand"], result.Output.Select(item => item.ToString()));
    }

    /// <summary>Runs <paramref name="script"/> with the helper dot-sourced and a gateway in $gateway, always stopping it.</summary>
    private List<string> RunWithGateway(string script, bool withDefaults = true)
    {
        var defaults = withDefaults ? "$PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-default'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }" : string.Empty;
        var result = _session.Run($$"""
            . '{{HelperPath}}'
            $gateway = Start-TestGateway
            try {
                {{defaults}}
                {{script}}
            }
            finally {
                Stop-TestGateway -Gateway $gateway
            }
            """);
        Assert.True(result.TerminatingError is null, result.AllText());
        return result.Output.Select(item => item.ToString()).ToList();
    }
}
