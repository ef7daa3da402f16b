using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Simulation;

/// <summary>
/// The simulator's HTTP/1.1 server alone, over raw TCP: request framing clients use (Content-Length, chunked,
/// Expect: 100-continue), keep-alive and Connection: close, bad requests, and stopping with work in flight.
/// </summary>
public sealed class SimulatorServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private GatewaySimulator simulator = null!;

    public async Task InitializeAsync() => simulator = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await simulator.DisposeAsync();

    [Fact]
    public async Task AChunkedRequestBodyIsReadWhole()
    {
        var body = """{"model":"gpt-5.2","messages":[{"role":"user","content":"chunked"}]}""";
        var request = Head("POST", "Transfer-Encoding: chunked", "Connection: close")
            + $"{Encoding.UTF8.GetByteCount(body[..10]):X}\r\n{body[..10]}\r\n{Encoding.UTF8.GetByteCount(body[10..]):X};ext=1\r\n{body[10..]}\r\n0\r\n\r\n";

        var response = await ExchangeAsync(request);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response);
        Assert.Contains("You said: chunked", response);
        Assert.Equal(body, simulator.Requests.Single().Body);
    }

    [Fact]
    public async Task ExpectContinueGetsAContinueBeforeTheBodyIsSent()
    {
        var body = """{"model":"gpt-5.2","messages":[{"role":"user","content":"asked first"}]}""";
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await WriteAsync(stream, Head("POST", $"Content-Length: {body.Length}", "Expect: 100-continue", "Connection: close"));

        var interim = await ReadUntilAsync(stream, "\r\n\r\n");
        await WriteAsync(stream, body);
        var response = await ReadToEndAsync(stream);

        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", interim);
        Assert.Contains("You said: asked first", response);
    }

    [Fact]
    public async Task KeepAliveServesRequestsOneAfterAnotherOnOneConnectionAndCloseEndsIt()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        await WriteAsync(stream, Chat("one"));
        var first = await ReadUntilAsync(stream, "0\r\n\r\n");
        await WriteAsync(stream, Chat("two", "Connection: close"));
        var second = await ReadToEndAsync(stream);

        Assert.DoesNotContain("Connection: close", first);
        Assert.Contains("You said: one", first);
        Assert.Contains("Connection: close\r\n", second);
        Assert.Contains("You said: two", second);
        Assert.Single(simulator.Requests.Select(request => request.ConnectionId).Distinct());
    }

    [Fact]
    public async Task ARequestSentWhileTheLastOneIsAnsweredIsKeptAndAnsweredNext()
    {
        var release = new TaskCompletionSource();
        simulator.Enqueue(ScriptedResponse.Json(200, "{\"first\":true}").WaitFor(release.Task));
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        await WriteAsync(stream, Chat("one") + Chat("two", "Connection: close"));
        await simulator.WaitForRequestAsync(0, Patience);
        release.SetResult();
        var both = await ReadToEndAsync(stream);

        Assert.Contains("{\"first\":true}", both);
        Assert.Contains("You said: two", both);
        Assert.True(both.IndexOf("first", StringComparison.Ordinal) < both.IndexOf("You said: two", StringComparison.Ordinal));
        Assert.False(simulator.Requests[0].ClientDisconnected.IsCompleted);
    }

    [Theory]
    [InlineData("NONSENSE\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n", "HTTP/1.1 413 Content Too Large")]
    public async Task ARequestThatIsNotHttpIsRefusedAndTheConnectionClosed(string request, string statusLine)
    {
        var response = await ExchangeAsync(request);

        Assert.StartsWith(statusLine + "\r\n", response);
        Assert.Contains("Connection: close\r\n", response);
        Assert.Empty(simulator.Requests);
    }

    [Fact]
    public async Task StoppingCutsAStreamInFlightAndFailsWhoeverWaitsForARequest()
    {
        simulator.Enqueue(ScriptedResponse.Status(200).Write("data: one\n\n").Stall());
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await WriteAsync(stream, Chat("x"));
        await ReadUntilAsync(stream, "data: one\n\n");
        var waiting = simulator.WaitForRequestAsync(5, Patience);

        await simulator.DisposeAsync();

        var rest = await ReadToEndAsync(stream);
        Assert.DoesNotContain("0\r\n\r\n", rest);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.False(simulator.IsRunning);
        await simulator.Requests.Single().ResponseFinished.WaitAsync(Patience);
    }

    [Fact]
    public async Task AStatusWithoutABodySendsNoBodyFraming()
    {
        simulator.Enqueue(ScriptedResponse.Status(204));

        var response = await ExchangeAsync(Chat("x", "Connection: close"));

        Assert.StartsWith("HTTP/1.1 204 No Content\r\n", response);
        Assert.DoesNotContain("Transfer-Encoding", response);
        Assert.EndsWith("\r\n\r\n", response);
    }

    private string Head(string method, params string[] headers) =>
        $"{method} /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:{simulator.BaseUrl.Port}\r\nAuthorization: Bearer k\r\n"
        + string.Concat(headers.Select(header => header + "\r\n")) + "\r\n";

    private string Chat(string prompt, params string[] headers)
    {
        var body = $$"""{"model":"gpt-5.2","messages":[{"role":"user","content":"{{prompt}}"}]}""";
        return Head("POST", [$"Content-Length: {Encoding.UTF8.GetByteCount(body)}", .. headers]) + body;
    }

    private async Task<string> ExchangeAsync(string request)
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await WriteAsync(stream, request);
        return await ReadToEndAsync(stream);
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, simulator.BaseUrl.Port).WaitAsync(Patience);
        return client;
    }

    private static async Task WriteAsync(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask().WaitAsync(Patience);

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Patience)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the last bytes: what arrived is what counts.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>Reads one byte at a time until <paramref name="end"/> has arrived, so nothing after it is consumed.</summary>
    private static async Task<string> ReadUntilAsync(NetworkStream stream, string end)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (!Encoding.UTF8.GetString(bytes.ToArray()).EndsWith(end, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer).AsTask().WaitAsync(Patience) == 0)
            {
                throw new IOException("The connection closed before '" + end + "' arrived.");
            }

            bytes.Add(buffer[0]);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
