using System;

namespace EdgeePS.Client
{
    /// <summary>Everything a request needs besides its body, resolved once per command invocation.</summary>
    internal sealed class EdgeeClientOptions
    {
        public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(120);

        public EdgeeClientOptions(EdgeeEndpoint endpoint, string apiKey)
        {
            Endpoint = endpoint;
            ApiKey = apiKey;
        }

        public EdgeeEndpoint Endpoint { get; }

        /// <summary>Sent as a bearer token, never written anywhere else.</summary>
        public string ApiKey { get; }

        /// <summary>How long to wait for the response headers; null waits as long as the idle timeout allows nothing else.</summary>
        public TimeSpan? ResponseTimeout { get; set; }

        /// <summary>How long a stream may go without an event before it is given up.</summary>
        public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

        public string UserAgent { get; set; } = "EdgeePS";

        // Keep the key out of anything that prints this object.
        public override string ToString() => $"EdgeeClientOptions({Endpoint})";
    }
}
