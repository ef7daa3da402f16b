using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;

namespace EdgeePS.Simulation
{
    /// <summary>One request as the simulator received it, plus how its response ended.</summary>
    internal sealed class RecordedRequest
    {
        private readonly Lazy<JsonElement?> _json;
        private readonly TaskCompletionSource<bool> _clientDisconnected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _responseFinished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public RecordedRequest(string method, string path, string body, IReadOnlyDictionary<string, string> headers, string connectionId)
        {
            Method = method;
            Path = path;
            Body = body;
            Headers = headers;
            ConnectionId = connectionId;
            _json = new Lazy<JsonElement?>(() => TryParse(body));
        }

        public string Method { get; }

        /// <summary>The request target exactly as sent, query included, so tests can catch a doubled slash or a lost /v1.</summary>
        public string Path { get; }

        /// <summary>The body as UTF-8 text.</summary>
        public string Body { get; }

        /// <summary>Case-insensitive names; repeated headers are joined with ", ".</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The simulator's id for the TCP connection the request came on: equal ids prove the client reused a connection.</summary>
        public string ConnectionId { get; }

        /// <summary>The body parsed as JSON, or null when it is empty or not JSON.</summary>
        public JsonElement? Json => _json.Value;

        /// <summary>Completes when the client drops the connection before the response finished.</summary>
        public Task ClientDisconnected => _clientDisconnected.Task;

        /// <summary>Completes when the simulator finished, or gave up on, writing the response.</summary>
        public Task ResponseFinished => _responseFinished.Task;

        internal void MarkClientDisconnected() => _clientDisconnected.TrySetResult(true);

        internal void MarkResponseFinished() => _responseFinished.TrySetResult(true);

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
}
