using System.Net.ServerSentEvents;
using System.Text;

namespace EdgeePS.Bench.Contenders;

/// <summary>The plain HttpClient request and SSE loop the floors and the core's stages share, so each stage differs from the one before by its own work alone.</summary>
public static class BenchRequests
{
    /// <summary>POSTs the target's request and returns the response once its headers are in.</summary>
    public static HttpResponseMessage Send(HttpClient http, StreamTarget target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.ChatCompletionsUrl)
        {
            Content = new StringContent(target.RequestJson, Encoding.UTF8, "application/json"),
        };
        return http.Send(request, HttpCompletionOption.ResponseHeadersRead).EnsureSuccessStatusCode();
    }

    /// <summary>Reads the stream's events through <paramref name="parse"/>, which returns null for [DONE], the end of the stream.</summary>
    public static void ReadEvents<T>(HttpClient http, StreamTarget target, SseItemParser<T?> parse, Action<T> onEvent)
        where T : class
    {
        using var response = Send(http, target);
        using var body = response.Content.ReadAsStream();
        foreach (var item in SseParser.Create(body, parse).Enumerate())
        {
            if (item.Data is null)
            {
                return;
            }
            onEvent(item.Data);
        }
        throw new InvalidDataException("The stream ended before [DONE].");
    }
}
