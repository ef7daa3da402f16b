using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using EdgeePS.Simulation;
using Xunit;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>Proves the simulator and the PowerShell harness do what the cmdlet tests rely on.</summary>
public sealed class HarnessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private GatewaySimulator simulator = null!;
    private readonly HttpClient client = new();

    public async Task InitializeAsync() => simulator = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync()
    {
        client.Dispose();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Scripted_sse_arrives_as_written_and_the_request_is_recorded()
    {
        simulator.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("Hi"), ScriptedResponse.FinishChunk()));

        using var response = await PostChatAsync("""{"model":"gpt-5.2","stream":true}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "data: " + ScriptedResponse.ContentChunk("Hi") + "\n\n" + "data: " + ScriptedResponse.FinishChunk() + "\n\ndata: [DONE]\n\n",
            body);
        var request = Assert.Single(simulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Headers["authorization"]);
        Assert.True(request.Json?.GetProperty("stream").GetBoolean());
        await request.ResponseFinished.WaitAsync(Patience);
    }

    [Fact]
    public async Task Each_write_reaches_the_client_before_the_script_goes_on()
    {
        var release = new TaskCompletionSource();
        simulator.Enqueue(ScriptedResponse.Status(200).Write("data: first\n\n").WaitFor(release.Task).Write("data: second\n\n"));

        using var response = await PostChatAsync("{}");
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Patience);
        Assert.Equal("data: first\n\n", Encoding.UTF8.GetString(buffer, 0, read));

        release.SetResult();
        using var reader = new StreamReader(stream);
        Assert.Equal("data: second\n\n", await reader.ReadToEndAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task Utf8_split_inside_a_character_is_delivered_byte_exact()
    {
        var bytes = Encoding.UTF8.GetBytes("data: " + ScriptedResponse.ContentChunk("héllo 😀") + "\n\n");
        simulator.Enqueue(ScriptedResponse.Status(200).WriteInPieces(bytes, Enumerable.Repeat(1, bytes.Length)));

        using var response = await PostChatAsync("{}");

        var received = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, received);
        Assert.Contains("\"content\":\"héllo 😀\"", Encoding.UTF8.GetString(received));
    }

    [Fact]
    public async Task Abort_drops_the_connection_mid_body()
    {
        simulator.Enqueue(ScriptedResponse.Status(200).Write("data: partial\n\n").Delay(TimeSpan.FromMilliseconds(50)).Abort());

        using var response = await PostChatAsync("{}");
        await using var stream = await response.Content.ReadAsStreamAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => new StreamReader(stream).ReadToEndAsync().WaitAsync(Patience));
        var request = await simulator.WaitForRequestAsync(0, Patience);
        await request.ResponseFinished.WaitAsync(Patience);
        Assert.False(request.ClientDisconnected.IsCompleted);
    }

    // Disposing an unread response makes HttpClient drain it for up to two seconds before closing the connection.
    [Fact]
    public async Task ClientDisconnected_completes_when_the_client_walks_away_from_a_stall()
    {
        simulator.Enqueue(ScriptedResponse.Status(200).Write("data: one\n\n").Stall());

        var response = await PostChatAsync("{}");
        var request = await simulator.WaitForRequestAsync(0, Patience);
        Assert.False(request.ResponseFinished.IsCompleted);
        response.Dispose();

        await request.ClientDisconnected.WaitAsync(Patience);
        await request.ResponseFinished.WaitAsync(Patience);
    }

    [Fact]
    public async Task ClientDisconnected_completes_at_once_when_the_client_cancels_its_read()
    {
        simulator.Enqueue(ScriptedResponse.Status(200).Write("data: one\n\n").Stall());
        using var response = await PostChatAsync("{}");
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        _ = await stream.ReadAsync(buffer).AsTask().WaitAsync(Patience);
        var request = await simulator.WaitForRequestAsync(0, Patience);

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(buffer, cancellation.Token).AsTask());

        await request.ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Unscripted_stream_replies_with_the_default_gateway_text()
    {
        using var response = await PostChatAsync(
            """{"model":"gpt-5.2","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"ping"}]}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("openai", response.Headers.GetValues("X-Edgee-Provider").Single());
        Assert.Contains("\"role\":\"assistant\"", body);
        Assert.Contains("\"content\":\" ping\"", body);
        Assert.Contains("\"finish_reason\":\"stop\"", body);
        Assert.Contains("\"choices\":[],\"usage\":", body);
        Assert.EndsWith("data: [DONE]\n\n", body);
    }

    [Fact]
    public async Task Unscripted_completion_models_and_missing_key_follow_the_protocol()
    {
        using var completion = await PostChatAsync("""{"model":"gpt-5.2","messages":[{"role":"user","content":"ping"}]}""");
        Assert.Contains("You said: ping", await completion.Content.ReadAsStringAsync());

        using var modelsRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(simulator.BaseUrl, "/v1/models"));
        modelsRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test-key");
        using var models = await client.SendAsync(modelsRequest);
        Assert.Contains("\"id\":\"gpt-5.2\"", await models.Content.ReadAsStringAsync());

        using var anonymous = await client.PostAsync(new Uri(simulator.BaseUrl, "/v1/chat/completions"), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("\"type\":\"authentication_error\"", await anonymous.Content.ReadAsStringAsync());

        Assert.Equal(["/v1/chat/completions", "/v1/models", "/v1/chat/completions"], simulator.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task Parallel_streams_each_get_the_response_their_route_picks()
    {
        simulator.Route(request => request.Json?.GetProperty("n").GetInt32() is { } n
            ? ScriptedResponse.Status(200).Delay(TimeSpan.FromMilliseconds(20)).Write("reply " + n)
            : null);

        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(async n =>
        {
            using var response = await PostChatAsync($$"""{"n":{{n}}}""");
            return await response.Content.ReadAsStringAsync();
        }));

        Assert.Equal(Enumerable.Range(0, 16).Select(n => "reply " + n), replies);
        Assert.Equal(16, simulator.Requests.Count);
    }

    [Fact]
    public async Task WaitForRequestAsync_times_out_when_nothing_arrives()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => simulator.WaitForRequestAsync(0, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Run_stops_a_script_that_outlives_its_timeout()
    {
        using var session = new PowerShellSession(importModule: false);

        var started = DateTime.UtcNow;
        Assert.Throws<TimeoutException>(() => session.Run("while ($true) { }", timeout: TimeSpan.FromMilliseconds(300)));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Run_captures_terminating_errors_variables_and_every_stream()
    {
        using var session = new PowerShellSession(importModule: false);

        var result = session.Run(
            """
            function Test-Streams { [CmdletBinding()] param() $PSCmdlet.WriteWarning("warned $secret"); $PSCmdlet.WriteVerbose('said'); $PSCmdlet.WriteInformation('told', @()) }
            Test-Streams -Verbose
            Get-Command -Name No-SuchCommand
            [pscustomobject]@{ Nested = @{ Key = $secret } }
            throw 'boom'
            """,
            new Dictionary<string, object?> { ["secret"] = "s3cr3t" });

        Assert.Equal("boom", result.TerminatingError?.Exception.Message);
        Assert.Single(result.Errors);
        Assert.True(result.HadErrors);
        Assert.Equal("warned s3cr3t", Assert.Single(result.Warning).Message);
        Assert.Single(result.Verbose);
        Assert.Single(result.Information);
        var text = result.AllText();
        Assert.Contains("Nested[Key]: s3cr3t", text);
        Assert.Contains("CommandNotFoundException", text);
        Assert.Contains("boom", text);
    }

    [Fact]
    public async Task A_running_pipeline_shows_output_live_and_stops_quickly()
    {
        using var session = new PowerShellSession(importModule: false);
        var pipeline = session.Start("'first'; while ($true) { }");

        await pipeline.WaitForOutputAsync(1, Patience);
        var stopping = DateTime.UtcNow;
        pipeline.Stop();
        var result = await pipeline.Completion.WaitAsync(Patience);

        Assert.True(DateTime.UtcNow - stopping < TimeSpan.FromSeconds(1));
        Assert.True(result.Stopped);
        Assert.Null(result.TerminatingError);
        Assert.Equal("first", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void The_manifest_loads_the_staged_assembly_that_the_tests_also_use()
    {
        var resolvedByTests = Assembly.Load(new AssemblyName("EdgeePS"));
        using var session = new PowerShellSession();

        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(assembly => assembly.GetName().Name == "EdgeePS").ToList();

        Assert.Same(resolvedByTests, Assert.Single(loaded));
        Assert.Equal(Path.Combine(ModulePaths.CoreModuleDirectory, "EdgeePS.dll"), resolvedByTests.Location);
    }

    private async Task<HttpResponseMessage> PostChatAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.BaseUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test-key");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
