using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// A response the simulator plays step by step. Status and headers always go out first, with the first
    /// <see cref="Write"/> (an empty write sends only the headers); a script that delays or stalls before any write
    /// leaves the client waiting for the response headers. Every write is one HTTP chunk, sent at once.
    /// </summary>
    internal sealed class ScriptedResponse
    {
        private readonly List<KeyValuePair<string, string>> _headers = new List<KeyValuePair<string, string>>();
        private readonly List<Func<ResponseExecution, Task>> _steps = new List<Func<ResponseExecution, Task>>();

        private ScriptedResponse(int statusCode)
        {
            StatusCode = statusCode;
        }

        internal int StatusCode { get; }

        internal IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

        internal IReadOnlyList<Func<ResponseExecution, Task>> Steps => _steps;

        public static ScriptedResponse Status(int status) => new ScriptedResponse(status);

        /// <summary>Adds a response header; repeated names send repeated headers.</summary>
        public ScriptedResponse Header(string name, string value)
        {
            _headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public ScriptedResponse Write(string text) => WriteBytes(Encoding.UTF8.GetBytes(text));

        public ScriptedResponse WriteBytes(byte[] bytes)
        {
            var copy = (byte[])bytes.Clone();
            _steps.Add(execution => execution.WriteAsync(new ArraySegment<byte>(copy)));
            return this;
        }

        /// <summary>
        /// Writes each piece as <paramref name="pieces"/> produces it. The sequence is enumerated anew each time the
        /// response plays, so a generator can stream a body far larger than memory, or one without end (it stops when
        /// the client leaves).
        /// </summary>
        public ScriptedResponse WriteEach(IEnumerable<byte[]> pieces)
        {
            if (pieces is null)
            {
                throw new ArgumentNullException(nameof(pieces));
            }

            _steps.Add(async execution =>
            {
                foreach (var piece in pieces)
                {
                    await execution.WriteAsync(new ArraySegment<byte>(piece)).ConfigureAwait(false);
                }
            });
            return this;
        }

        public ScriptedResponse Delay(TimeSpan delay)
        {
            _steps.Add(execution => Task.Delay(delay, execution.Cancellation));
            return this;
        }

        /// <summary>Never finishes: holds the connection open until the client leaves or the simulator stops.</summary>
        public ScriptedResponse Stall()
        {
            _steps.Add(execution => Task.Delay(Timeout.InfiniteTimeSpan, execution.Cancellation));
            return this;
        }

        /// <summary>Closes the TCP connection mid-response, like a proxy dying mid-body. What was written before still arrives.</summary>
        public ScriptedResponse Abort()
        {
            _steps.Add(execution =>
            {
                execution.AbortConnection();
                return Task.CompletedTask;
            });
            return this;
        }

        /// <summary>Pauses until the test completes <paramref name="signal"/>; a faulted signal drops the connection.</summary>
        public ScriptedResponse WaitFor(Task signal)
        {
            _steps.Add(execution => execution.UntilCancelled(signal));
            return this;
        }

        /// <summary>
        /// Writes <paramref name="bytes"/> in pieces of the given sizes, each its own write; whatever the sizes leave
        /// over is written as one last piece, and sizes that run past the end are cut short.
        /// </summary>
        public ScriptedResponse WriteInPieces(byte[] bytes, IEnumerable<int> pieceSizes)
        {
            var copy = (byte[])bytes.Clone();
            var offset = 0;
            foreach (var size in pieceSizes)
            {
                if (size < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(pieceSizes), "A piece size cannot be negative.");
                }

                if (offset == copy.Length)
                {
                    break;
                }

                var piece = new ArraySegment<byte>(copy, offset, Math.Min(size, copy.Length - offset));
                offset += piece.Count;
                _steps.Add(execution => execution.WriteAsync(piece));
            }

            if (offset < copy.Length)
            {
                var rest = new ArraySegment<byte>(copy, offset, copy.Length - offset);
                _steps.Add(execution => execution.WriteAsync(rest));
            }

            return this;
        }

        /// <summary>A 200 event stream: each payload as one <c>data:</c> event, written separately, then <c>data: [DONE]</c>.</summary>
        public static ScriptedResponse Sse(params string[] dataPayloads)
        {
            var response = EventStream();
            foreach (var payload in dataPayloads)
            {
                response.Write(SseEvent(payload));
            }

            return response.Write(SseEvent("[DONE]"));
        }

        /// <summary>The status and headers of a 200 event stream, without a body yet.</summary>
        public static ScriptedResponse EventStream() =>
            Status(200).Header("Content-Type", "text/event-stream").Header("Cache-Control", "no-cache");

        public static ScriptedResponse Json(int status, string body) =>
            Status(status).Header("Content-Type", "application/json").Write(body);

        /// <summary>An error response in the gateway's shape: <c>{"error":{"message","type","code"?}}</c>.</summary>
        public static ScriptedResponse Error(int status, string type, string message, string? code = null) =>
            Json(status, ErrorJson(type, message, code));

        public static string SseEvent(string payload) => "data: " + payload + "\n\n";

        public static string ErrorJson(string type, string message, string? code = null, string? param = null)
        {
            var fields = new StringBuilder();
            fields.Append("\"message\":").Append(JsonText.Quote(message));
            fields.Append(",\"type\":").Append(JsonText.Quote(type));
            if (code != null)
            {
                fields.Append(",\"code\":").Append(JsonText.Quote(code));
            }

            if (param != null)
            {
                fields.Append(",\"param\":").Append(JsonText.Quote(param));
            }

            return "{\"error\":{" + fields + "}}";
        }

        public static string ContentChunk(string text, string? finishReason = null, string id = ChunkJson.DefaultId, string model = ChunkJson.DefaultModel) =>
            ChunkJson.Chunk(ChunkJson.ContentDelta(text), finishReason, id, model);

        public static string RoleChunk(string role = "assistant") =>
            ChunkJson.Chunk(ChunkJson.RoleDelta(role), null, ChunkJson.DefaultId, ChunkJson.DefaultModel);

        /// <summary>The closing chunk: an empty delta and a finish reason.</summary>
        public static string FinishChunk(string finishReason = "stop", string id = ChunkJson.DefaultId, string model = ChunkJson.DefaultModel) =>
            ChunkJson.Chunk("{}", finishReason, id, model);

        /// <summary>The usage chunk sent when <c>stream_options.include_usage</c> is set: no choices, only usage.</summary>
        public static string UsageChunk(int promptTokens, int completionTokens, string id = ChunkJson.DefaultId, string model = ChunkJson.DefaultModel) =>
            ChunkJson.UsageChunk(new SimulatedUsage(promptTokens, completionTokens), id, model);

        /// <summary>A whole non-streaming <c>chat.completion</c> with usage; completion tokens are counted as words.</summary>
        public static string CompletionJson(string text, string model = ChunkJson.DefaultModel, int promptTokens = 10) =>
            ChunkJson.Completion(
                ChunkJson.Message(text, null, Array.Empty<SimulatedToolCall>()),
                "stop",
                new SimulatedUsage(promptTokens, TextPieces.CountWords(text)),
                ChunkJson.DefaultId,
                model);
    }
}
