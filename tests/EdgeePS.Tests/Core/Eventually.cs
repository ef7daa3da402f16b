namespace EdgeePS.Tests.Core;

/// <summary>Waits for a condition that another thread will make true; the patience bounds a hang, it measures nothing.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan patience, Func<string> whatDidNotHappen)
    {
        using var giveUp = new CancellationTokenSource(patience);
        while (!condition())
        {
            if (giveUp.IsCancellationRequested)
            {
                throw new TimeoutException(whatDidNotHappen());
            }

            await Task.Delay(5);
        }
    }
}
