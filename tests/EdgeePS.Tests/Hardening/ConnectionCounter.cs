using System.Net;
using System.Net.Sockets;

namespace EdgeePS.Tests.Hardening;

/// <summary>A TCP listener on 127.0.0.1 that accepts connections, counts them, and closes them at once.</summary>
internal sealed class ConnectionCounter : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private int accepted;

    public ConnectionCounter()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref accepted);

    public void Dispose() => listener.Stop();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref accepted);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }
}
