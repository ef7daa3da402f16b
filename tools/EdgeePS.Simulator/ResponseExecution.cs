using Microsoft.AspNetCore.Http;

namespace EdgeePS.Simulator;

/// <summary>Plays one <see cref="ScriptedResponse"/> onto one HTTP exchange.</summary>
internal sealed class ResponseExecution
{
    private readonly HttpContext context;
    private volatile bool abortedByServer;

    private ResponseExecution(HttpContext context, CancellationToken cancellation)
    {
        this.context = context;
        Cancellation = cancellation;
    }

    /// <summary>Cancelled when the client goes away or the simulator shuts down.</summary>
    public CancellationToken Cancellation { get; }

    public bool AbortedByServer => abortedByServer;

    public static async Task RunAsync(ScriptedResponse script, HttpContext context, RecordedRequest request, CancellationToken simulatorStopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, simulatorStopping);
        var execution = new ResponseExecution(context, cancellation.Token);
        // Our own Abort() also trips RequestAborted; only a disconnect the client caused counts as one.
        var registration = context.RequestAborted.Register(() =>
        {
            if (!execution.AbortedByServer)
            {
                request.MarkClientDisconnected();
            }
        });
        try
        {
            context.Response.StatusCode = script.StatusCode;
            foreach (var (name, value) in script.Headers)
            {
                context.Response.Headers.Append(name, value);
            }
            foreach (var step in script.Steps)
            {
                await step(execution);
                if (execution.AbortedByServer)
                {
                    return;
                }
            }
            // Send the final chunk now, so that ResponseFinished means the client can read to the end.
            await context.Response.CompleteAsync();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                // The simulator is shutting down mid-script: a cut connection tells the client the truth, a clean end would not.
                execution.AbortConnection();
            }
        }
        finally
        {
            await registration.DisposeAsync();
            request.MarkResponseFinished();
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        if (!context.Response.HasStarted)
        {
            await context.Response.StartAsync(Cancellation);
        }
        if (!bytes.IsEmpty)
        {
            await context.Response.Body.WriteAsync(bytes, Cancellation);
        }
        await context.Response.Body.FlushAsync(Cancellation);
    }

    public void AbortConnection()
    {
        abortedByServer = true;
        context.Abort();
    }
}
