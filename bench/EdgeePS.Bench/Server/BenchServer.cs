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

        var model = await ReadModelAsync(request, context.RequestAborted);
        var response = context.Response;
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

    private static async Task<string> ReadModelAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("model", out var model)
                && model.ValueKind == JsonValueKind.String
                ? model.GetString()!
                : string.Empty;
        }
        catch (JsonException)
        {
            // Answered like any unknown model: a 400 the contender reports.
            return string.Empty;
        }
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
