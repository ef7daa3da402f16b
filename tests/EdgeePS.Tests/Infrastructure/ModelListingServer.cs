using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// A loopback server that answers every request with one model listing (<c>GET /v1/models</c>'s shape) and records
/// each request's first line and Authorization header: for ids the simulator does not list, such as ones that need
/// quoting on a command line.
/// </summary>
public sealed class ModelListingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _response;
    private readonly List<(string RequestLine, string? Authorization)> _requests = [];
    private readonly Task _serving;

    public ModelListingServer(params string[] modelIds)
    {
        var body = JsonSerializer.Serialize(new
        {
            @object = "list",
            data = modelIds.Select(id => new { id, @object = "model", created = 1700000000, owned_by = "test" }),
        });
        _response = Encoding.UTF8.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public IReadOnlyList<(string RequestLine, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                await AnswerAsync(client.GetStream());
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var lines = head.ToString().Split("\r\n");
        var authorization = lines.FirstOrDefault(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?["Authorization:".Length..].Trim();
        lock (_requests)
        {
            _requests.Add((lines[0], authorization));
        }

        await stream.WriteAsync(_response);
    }
}
