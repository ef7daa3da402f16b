using System;
using System.Text;
using System.Text.Json;
using EdgeePS.Errors;
using EdgeePS.Serialization;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// Turns one server-sent event's data into what it is: a chunk, <c>[DONE]</c>, a keep-alive, an error the
    /// gateway sent, or data that is no chunk at all. Parses straight from the UTF-8 bytes the SSE parser hands over.
    /// </summary>
    internal sealed class StreamEventParser
    {
        private const int MaxSnippetLength = 200;
        private static readonly byte[] DoneMarker = Encoding.ASCII.GetBytes("[DONE]");

        private readonly int _statusCode;
        private readonly TimeSpan? _retryAfter;
        private readonly string _apiKey;

        /// <param name="statusCode">The HTTP status of the response that carries the stream.</param>
        /// <param name="retryAfter">The response's Retry-After, for an error event that refuses the request.</param>
        /// <param name="apiKey">Masked out of anything quoted in an error.</param>
        public StreamEventParser(int statusCode, TimeSpan? retryAfter, string apiKey)
        {
            _statusCode = statusCode;
            _retryAfter = retryAfter;
            _apiKey = apiKey;
        }

        /// <param name="eventNumber">The 1-based number of the chunk this event would be: for messages, and 1 tells that no chunk came before.</param>
        public StreamEvent Parse(string eventType, ReadOnlySpan<byte> data, int eventNumber)
        {
            data = Trim(data);
            if (data.IsEmpty)
            {
                return StreamEvent.Empty;
            }

            if (data.SequenceEqual(DoneMarker))
            {
                return StreamEvent.Done;
            }

            StreamChunk? chunk;
            try
            {
                chunk = JsonSerializer.Deserialize(data, EdgeeJsonContext.Default.StreamChunk);
            }
            catch (JsonException error)
            {
                return Malformed(eventNumber, $"is not a chat completion chunk ({error.Message})", data);
            }

            if (chunk is null)
            {
                return Malformed(eventNumber, "is null", data);
            }

            if (chunk.AdditionalProperties != null
                && chunk.AdditionalProperties.TryGetValue("error", out var gatewayError)
                && gatewayError.ValueKind == JsonValueKind.Object)
            {
                // Before any chunk the gateway is refusing the request, as it would with an error status.
                return StreamEvent.ForGatewayError(GatewayErrorReader.FromErrorObject(
                    _statusCode, gatewayError, _retryAfter, _apiKey, inStream: true, answerBegun: eventNumber > 1));
            }

            if (eventType == "error")
            {
                return StreamEvent.ForGatewayError(new EdgeeException(
                    EdgeeErrorIds.StreamErrorEvent,
                    $"The gateway sent an error event: {Quote(data)}"));
            }

            return StreamEvent.ForChunk(chunk);
        }

        private StreamEvent Malformed(int eventNumber, string problem, ReadOnlySpan<byte> data) =>
            StreamEvent.Malformed(new EdgeeException(
                EdgeeErrorIds.MalformedStreamEvent,
                SecretMasker.Hide($"Stream event {eventNumber} {problem}", _apiKey) + ": " + Quote(data)));

        /// <summary>The start of an event's data for an error message, with the key masked before it is cut short.</summary>
        private string Quote(ReadOnlySpan<byte> data)
        {
            var text = SecretMasker.Hide(Encoding.UTF8.GetString(data.ToArray()), _apiKey);
            return text.Length > MaxSnippetLength ? text.Substring(0, MaxSnippetLength) + "…" : text;
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> data)
        {
            var start = 0;
            var end = data.Length;
            while (start < end && IsWhiteSpace(data[start]))
            {
                start++;
            }

            while (end > start && IsWhiteSpace(data[end - 1]))
            {
                end--;
            }

            return data.Slice(start, end - start);
        }

        private static bool IsWhiteSpace(byte value) => value == (byte)' ' || value == (byte)'\t' || value == (byte)'\r' || value == (byte)'\n';
    }
}
