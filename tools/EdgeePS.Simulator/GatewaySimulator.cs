using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeePS.Simulator;

/// <summary>
/// A local stand-in for the Edgee gateway on 127.0.0.1. Tests script each chat completion response
/// (<see cref="Enqueue"/>, <see cref="Route"/>); anything unscripted gets the <see cref="DefaultGateway"/> answer.
/// </summary>
public sealed class GatewaySimulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Queue<ScriptedResponse> queue = new();
    private readonly Dictionary<int, TaskCompletionSource<RecordedRequest>> waiters = [];
    private Func<RecordedRequest, ScriptedResponse?>? responder;
    private int disposed;

    private GatewaySimulator()
    {
        // The empty builder reads no configuration files or environment and logs nothing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            // A test that stops reading must see its own behaviour, not Kestrel cutting a slow reader off.
            options.Limits.MinResponseDataRate = null;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>Scheme, host and port only (a Uri prints with a trailing "/"); clients append <c>/v1/...</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A snapshot of every request so far, chat or not, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    public static async Task<GatewaySimulator> StartAsync(CancellationToken ct = default)
    {
        var simulator = new GatewaySimulator();
        try
        {
            await simulator.app.StartAsync(ct);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
        // Port 0 asked the OS for a free port; the server reports which one it got.
        var address = simulator.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        simulator.BaseUrl = new Uri(address);
        return simulator;
    }

    /// <summary>Queues the response for the next chat completion request that <see cref="Route"/> does not answer.</summary>
    public void Enqueue(ScriptedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (gate)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>
    /// Asked first for every chat completion request; a non-null answer wins over the queue. Lets parallel tests
    /// choose a response by request content. Null removes the responder.
    /// </summary>
    public void Route(Func<RecordedRequest, ScriptedResponse?>? responder)
    {
        lock (gate)
        {
            this.responder = responder;
        }
    }

    /// <summary>Completes when request number <paramref name="index"/> (0-based) has arrived; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(int index, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        lock (gate)
        {
            if (index < requests.Count)
            {
                return Task.FromResult(requests[index]);
            }
            if (!waiters.TryGetValue(index, out var waiter))
            {
                waiter = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add(index, waiter);
            }
            return waiter.Task.WaitAsync(timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync();
        using (var grace = new CancellationTokenSource(ShutdownGrace))
        {
            await app.StopAsync(grace.Token);
        }
        await app.DisposeAsync();
        stopping.Dispose();

        lock (gate)
        {
            foreach (var waiter in waiters.Values)
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(GatewaySimulator)));
            }
            waiters.Clear();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordedRequest.ReadAsync(context, stopping.Token);
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? string.Empty;
        var isChat = HttpMethods.IsPost(method) && path == DefaultGateway.ChatCompletionsPath;

        var scripted = Record(request, isChat);
        var response = scripted ?? DefaultGateway.Respond(method, path, request);
        await ResponseExecution.RunAsync(response, context, request, stopping.Token);
    }

    /// <summary>
    /// Records the request and picks its scripted response under one lock, so that with concurrent requests
    /// the n-th recorded chat request is the one that took the n-th queued response.
    /// </summary>
    private ScriptedResponse? Record(RecordedRequest request, bool isChat)
    {
        TaskCompletionSource<RecordedRequest>? waiter;
        ScriptedResponse? scripted = null;
        lock (gate)
        {
            var index = requests.Count;
            requests.Add(request);
            waiters.Remove(index, out waiter);
            try
            {
                if (isChat)
                {
                    scripted = responder?.Invoke(request);
                    if (scripted is null)
                    {
                        queue.TryDequeue(out scripted);
                    }
                }
            }
            finally
            {
                waiter?.TrySetResult(request);
            }
        }
        return scripted;
    }
}
