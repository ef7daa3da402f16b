using System.Net;
using System.Net.Sockets;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// A loopback port where connections are refused, for as long as this object lives: a socket holds it bound but
/// never listens. Unlike a port freed by stopping a server, no other test can take it meanwhile (address reuse is
/// off, so no one else may bind it), and the kernel answers every connection attempt with a reset.
/// </summary>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        EnsureRefused();
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:port, as -BaseUrl takes it.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public void Dispose() => _socket.Dispose();

    // The premise of every test that uses this port, checked rather than assumed.
    private void EnsureRefused()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            client.Connect(IPAddress.Loopback, Port);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return;
        }

        throw new InvalidOperationException($"Port {Port} accepted a connection although nothing listens on it.");
    }
}
