using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeePS.Bench.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeePS.Bench.Server;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on 127.0.0.1 that serves every contender the same bytes.
/// The request's model name says which stream to send (see <see cref="BenchModels"/>).
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private const string ChatCompletionsPath = "/v1/chat/completions";

    private readonly WebApplication app;

    private BenchServer()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        // Run the response's writes through to the socket on the writing thread, not via a thread-pool hop: the
        // latency stamp is taken just before the write, so every hop after it would count against every contender.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            // The script-module client reads slowly by design; Kestrel must not cut it off as a slow reader.
            options.Limits.MinResponseDataRate = null;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>Scheme, host and port; clients append <c>/v1/chat/completions</c> (OpenAI's client wants the <c>/v1</c> form).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<BenchServer> StartAsync()
    {
        var server = new BenchServer();
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await app.StopAsync(grace.Token);
        }
        await app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Path != ChatCompletionsPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var (model, prompt) = await ReadRequestAsync(request, context.RequestAborted);
        var response = context.Response;
        if (TryParseCount(model, BenchModels.BatchPrefix, out var delayMs))
        {
            await WriteDelayedCompletionAsync(response, model, prompt, delayMs, context.RequestAborted);
            return;
        }

        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        if (TryParseCount(model, BenchModels.BurstPrefix, out var burstChunks))
        {
            await WriteBurstAsync(response, model, burstChunks, context.RequestAborted);
        }
        else if (TryParseCount(model, BenchModels.PacedPrefix, out var pacedChunks))
        {
            await WritePacedAsync(response, model, pacedChunks, context.RequestAborted);
        }
        else
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            response.Headers.ContentType = "application/json";
            await response.WriteAsync("{\"error\":{\"message\":\"unknown benchmark model\",\"type\":\"invalid_request_error\"}}", context.RequestAborted);
        }
    }

    /// <summary>The request's model, and its last message's text (the batch workload answers with it, so order can be checked).</summary>
    private static async Task<(string Model, string Prompt)> ReadRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (string.Empty, string.Empty);
            }
            var model = root.TryGetProperty("model", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty;
            var prompt = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                && messages[messages.GetArrayLength() - 1].TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString()!
                : string.Empty;
            return (model, prompt);
        }
        catch (JsonException)
        {
            // Answered like any unknown model: a 400 the contender reports.
            return (string.Empty, string.Empty);
        }
    }

    /// <summary>A whole chat.completion after <paramref name="delayMs"/>, as a model that takes that long to answer: its text is "answer " and the prompt.</summary>
    private static async Task WriteDelayedCompletionAsync(HttpResponse response, string model, string prompt, int delayMs, CancellationToken cancellationToken)
    {
        await Task.Delay(delayMs, cancellationToken);
        response.Headers.ContentType = "application/json";
        var text = JsonEncodedText.Encode("answer " + prompt).ToString();
        await response.WriteAsync(
            $$$"""{"id":"chatcmpl-batch","object":"chat.completion","created":0,"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":2,"completion_tokens":2,"total_tokens":4}}""",
            cancellationToken);
    }

    private static bool TryParseCount(string model, string prefix, out int count)
    {
        count = 0;
        return model.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(model.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && count >= 0;
    }

    private static async Task WriteBurstAsync(HttpResponse response, string model, int chunks, CancellationToken cancellationToken)
    {
        var block = ChunkPayloads.ContentBlock(model);
        var body = response.Body;
        await body.WriteAsync(ChunkPayloads.Role(model), cancellationToken);
        for (var sent = 0; sent < chunks; sent += ChunkPayloads.BlockChunks)
        {
            await body.WriteAsync(block.FirstChunks(Math.Min(ChunkPayloads.BlockChunks, chunks - sent)), cancellationToken);
        }
        await body.WriteAsync(ChunkPayloads.Finish(model), cancellationToken);
        await body.WriteAsync(ChunkPayloads.Done, cancellationToken);
    }

    /// <summary>
    /// Each chunk's content is the Stopwatch timestamp taken just before it is written and flushed. On Linux that is
    /// CLOCK_MONOTONIC in nanoseconds, the same clock in every process, so a client subtracts it from its own
    /// timestamp to get the delivery delay. The schedule is absolute, so a late chunk does not push the rest back.
    /// </summary>
    private static async Task WritePacedAsync(HttpResponse response, string model, int chunks, CancellationToken cancellationToken)
    {
        var body = response.Body;
        await body.WriteAsync(ChunkPayloads.Role(model), cancellationToken);
        await body.FlushAsync(cancellationToken);
        var interval = Stopwatch.Frequency * BenchSettings.LatencyInterval.Ticks / TimeSpan.TicksPerSecond;
        var start = Stopwatch.GetTimestamp();
        for (var index = 0; index < chunks; index++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (index * interval));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            var stamp = Stopwatch.GetTimestamp();
            await body.WriteAsync(ChunkPayloads.Content(model, stamp.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            await body.FlushAsync(cancellationToken);
        }
        await body.WriteAsync(ChunkPayloads.Finish(model), cancellationToken);
        await body.WriteAsync(ChunkPayloads.Done, cancellationToken);
    }
}
