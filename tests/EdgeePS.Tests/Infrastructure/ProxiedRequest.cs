namespace EdgeePS.Tests.Infrastructure;

/// <summary>One request as the <see cref="ForwardProxy"/> received it.</summary>
public sealed class ProxiedRequest
{
    internal ProxiedRequest(string method, string target, IReadOnlyDictionary<string, string> headers, ProxyOutcome outcome)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Outcome = outcome;
    }

    public string Method { get; }

    /// <summary>The request target as sent: absolute-form (<c>http://127.0.0.1:5000/v1/...</c>) or, for CONNECT, <c>host:port</c>.</summary>
    public string Target { get; }

    /// <summary>Case-insensitive names; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The Proxy-Authorization header the client sent, if any.</summary>
    public string? ProxyAuthorization => Headers.TryGetValue("Proxy-Authorization", out var value) ? value : null;

    public ProxyOutcome Outcome { get; }
}
