using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EdgeePS.Simulator;

/// <summary>One request as the simulator received it, plus how its response ended.</summary>
public sealed class RecordedRequest
{
    private readonly Lazy<JsonElement?> json;
    private readonly TaskCompletionSource clientDisconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource responseFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RecordedRequest(string method, string path, string body, IReadOnlyDictionary<string, string> headers, string connectionId)
    {
        Method = method;
        ConnectionId = connectionId;
        Path = path;
        Body = body;
        Headers = headers;
        json = new Lazy<JsonElement?>(() => TryParse(body));
    }

    public string Method { get; }

    /// <summary>The request target exactly as sent, query included, so tests can catch a doubled slash or a lost /v1.</summary>
    public string Path { get; }

    public string Body { get; }

    /// <summary>Case-insensitive names; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The server's id for the TCP connection the request came on: equal ids prove the client reused a connection.</summary>
    public string ConnectionId { get; }

    /// <summary>The body parsed as JSON, or null when it is empty or not JSON.</summary>
    public JsonElement? Json => json.Value;

    /// <summary>Completes when the client drops the connection before the response finished.</summary>
    public Task ClientDisconnected => clientDisconnected.Task;

    /// <summary>Completes when the simulator finished, or gave up on, writing the response.</summary>
    public Task ResponseFinished => responseFinished.Task;

    internal static async Task<RecordedRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = string.Join(", ", values.ToArray());
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = string.IsNullOrEmpty(rawTarget) ? context.Request.Path + context.Request.QueryString : rawTarget;
        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        return new RecordedRequest(context.Request.Method, path, text, headers, context.Connection.Id);
    }

    internal void MarkClientDisconnected() => clientDisconnected.TrySetResult();

    internal void MarkResponseFinished() => responseFinished.TrySetResult();

    private static JsonElement? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
