using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// A small HTTP forward proxy on 127.0.0.1 for tests of proxy support. It relays absolute-form requests for plain-http
/// loopback targets (<c>POST http://127.0.0.1:5000/v1/chat/completions HTTP/1.1</c>) and records every request it
/// receives. Anything else — a CONNECT tunnel, a target off this machine — is recorded and refused, so no test traffic
/// ever leaves the machine. After <see cref="RequireCredentials"/> it answers 407 until the client sends those Basic
/// credentials. Every answer closes its connection, which keeps the relay a plain copy of bytes in both directions.
/// </summary>
public sealed class ForwardProxy : IAsyncDisposable
{
    private const int MaximumHeadBytes = 64 * 1024;
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    // Hop-by-hop headers are the proxy's own business; the origin must not see them (least of all the credentials).
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Proxy-Authorization", "Proxy-Connection", "Connection", "Keep-Alive",
    };

    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<ProxiedRequest> requests = [];
    private readonly List<Task> connections = [];
    private readonly Task acceptLoop;
    private volatile string? expectedAuthorization;
    private int disposed;

    private ForwardProxy()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        acceptLoop = AcceptAsync();
    }

    /// <summary>What clients pass as their proxy, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>A snapshot of every request so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    public static ForwardProxy Start() => new();

    /// <summary>From now on, only requests carrying these Basic credentials are relayed; others get a 407 challenge.</summary>
    public void RequireCredentials(string user, string password) =>
        expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync();
        listener.Stop();
        Task[] running;
        lock (gate)
        {
            running = [acceptLoop, .. connections];
        }
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (gate)
            {
                connections.RemoveAll(task => task.IsCompleted);
                connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeOneRequestAsync(client.GetStream(), stopping.Token);
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away mid-exchange (a stopped pipeline, a dropped stream): closing is all there is to do.
            }
        }
    }

    private async Task ServeOneRequestAsync(NetworkStream downstream, CancellationToken cancellation)
    {
        var (head, bodyStart) = await ReadHeadAsync(downstream, cancellation);
        if (head is null)
        {
            return;
        }

        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            await AnswerAsync(downstream, "400 Bad Request", cancellation);
            return;
        }
        var (method, target) = (requestLine[0], requestLine[1]);
        var headerList = lines.Skip(1)
            .Where(line => line.Contains(':'))
            .Select(line => (Name: line[..line.IndexOf(':')].Trim(), Value: line[(line.IndexOf(':') + 1)..].Trim()))
            .ToList();
        var headers = headerList
            .GroupBy(header => header.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => string.Join(", ", group.Select(header => header.Value)), StringComparer.OrdinalIgnoreCase);

        var body = await ReadBodyAsync(downstream, bodyStart, headers, cancellation);
        var outcome = Decide(method, target, headers, out var origin);
        lock (gate)
        {
            requests.Add(new ProxiedRequest(method, target, headers, outcome));
        }

        switch (outcome)
        {
            case ProxyOutcome.Challenged:
                await AnswerAsync(downstream, "407 Proxy Authentication Required", cancellation, "Proxy-Authenticate: Basic realm=\"edgee-tests\"");
                return;
            case ProxyOutcome.Refused:
                await AnswerAsync(downstream, method == "CONNECT" ? "403 Forbidden" : "502 Bad Gateway", cancellation);
                return;
        }

        using var upstreamClient = new TcpClient();
        await upstreamClient.ConnectAsync(origin!.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(origin.Host), origin.Port, cancellation);
        var upstream = upstreamClient.GetStream();
        var forwarded = new StringBuilder();
        forwarded.Append(method).Append(' ').Append(origin.PathAndQuery).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in headerList.Where(header => !HopByHopHeaders.Contains(header.Name)))
        {
            forwarded.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        forwarded.Append("Connection: close\r\n\r\n");
        await upstream.WriteAsync(Encoding.ASCII.GetBytes(forwarded.ToString()), cancellation);
        await upstream.WriteAsync(body, cancellation);

        // The origin answers with Connection: close, so its end of stream is the end of the answer.
        await upstream.CopyToAsync(downstream, cancellation);
    }

    private ProxyOutcome Decide(string method, string target, IReadOnlyDictionary<string, string> headers, out Uri? origin)
    {
        origin = null;
        var expected = expectedAuthorization;
        if (expected is not null && (!headers.TryGetValue("Proxy-Authorization", out var given) || given != expected))
        {
            return ProxyOutcome.Challenged;
        }
        if (method == "CONNECT"
            || !Uri.TryCreate(target, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp
            || !(uri.Host == "localhost" || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address))))
        {
            return ProxyOutcome.Refused;
        }
        origin = uri;
        return ProxyOutcome.Relayed;
    }

    private static async Task<(string? Head, byte[] BodyStart)> ReadHeadAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (buffer.Length < MaximumHeadBytes)
        {
            var read = await stream.ReadAsync(chunk, cancellation);
            if (read == 0)
            {
                return (null, []);
            }
            buffer.Write(chunk, 0, read);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var end = bytes.IndexOf(EndOfHead);
            if (end >= 0)
            {
                return (Encoding.ASCII.GetString(bytes[..end]), bytes[(end + EndOfHead.Length)..].ToArray());
            }
        }
        return (null, []);
    }

    // Clients send Content-Length for the bodies EdgeePS sends; a chunked request body is not supported here.
    private static async Task<byte[]> ReadBodyAsync(NetworkStream stream, byte[] bodyStart, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation)
    {
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        var have = Math.Min(length, bodyStart.Length);
        bodyStart.AsSpan(0, have).CopyTo(body);
        while (have < length)
        {
            var read = await stream.ReadAsync(body.AsMemory(have), cancellation);
            if (read == 0)
            {
                throw new IOException("The client closed the connection inside the request body.");
            }
            have += read;
        }
        return body;
    }

    private static async Task AnswerAsync(NetworkStream stream, string status, CancellationToken cancellation, string? extraHeader = null)
    {
        var answer = "HTTP/1.1 " + status + "\r\n"
            + (extraHeader is null ? string.Empty : extraHeader + "\r\n")
            + "Content-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), cancellation);
    }
}
