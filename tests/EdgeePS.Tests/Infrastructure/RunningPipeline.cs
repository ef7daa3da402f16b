using System.Management.Automation;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// A script started in the background, for tests that must act while it runs: watch output arrive, or stop it
/// the way Ctrl+C does. <see cref="Completion"/> throws <see cref="TimeoutException"/> if it runs too long.
/// </summary>
public sealed class RunningPipeline
{
    // After a timeout the pipeline gets this long to honour Stop before the test is failed anyway.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly PowerShell powerShell;
    private readonly string script;

    internal RunningPipeline(PowerShell powerShell, string script, TimeSpan timeout)
    {
        this.powerShell = powerShell;
        this.script = script;
        var invocation = powerShell.InvokeAsync<PSObject, PSObject>(input: null, Output);
        Completion = CompleteAsync(invocation, timeout);
    }

    /// <summary>Live output: objects appear here as the pipeline writes them.</summary>
    public PSDataCollection<PSObject> Output { get; } = new();

    public Task<PowerShellResult> Completion { get; }

    /// <summary>Stops the pipeline as Ctrl+C would, without waiting; await <see cref="Completion"/> to see it end.</summary>
    public void Stop() => powerShell.BeginStop(callback: null, state: null);

    /// <summary>
    /// Completes once <see cref="Output"/> holds at least <paramref name="count"/> objects; throws if the pipeline
    /// ends with fewer, or <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForOutputAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDataAdded(object? sender, DataAddedEventArgs e)
        {
            if (Output.Count >= count)
            {
                reached.TrySetResult();
            }
        }

        Output.DataAdded += OnDataAdded;
        try
        {
            if (Output.Count >= count)
            {
                return;
            }
            await Task.WhenAny(reached.Task, Completion).WaitAsync(timeout).ConfigureAwait(false);
            if (Output.Count < count)
            {
                throw new InvalidOperationException($"The pipeline ended with {Output.Count} output objects; the test waited for {count}.");
            }
        }
        finally
        {
            Output.DataAdded -= OnDataAdded;
        }
    }

    private async Task<PowerShellResult> CompleteAsync(Task invocation, TimeSpan timeout)
    {
        ErrorRecord? terminatingError = null;
        try
        {
            await invocation.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!invocation.IsCompleted)
        {
            powerShell.BeginStop(callback: null, state: null);
            await Task.WhenAny(invocation, Task.Delay(StopGrace)).ConfigureAwait(false);
            throw new TimeoutException($"The script ran longer than {timeout} and was stopped:{Environment.NewLine}{script}");
        }
        catch (PipelineStoppedException)
        {
            // Reported as PowerShellResult.Stopped: being stopped is what the test asked for, not an error.
        }
        catch (RuntimeException exception)
        {
            terminatingError = exception.ErrorRecord;
        }

        using (powerShell)
        {
            return new PowerShellResult(powerShell, Output, terminatingError);
        }
    }
}
