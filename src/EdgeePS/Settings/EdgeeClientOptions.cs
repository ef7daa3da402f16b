using System;
using System.Collections.Generic;
using System.Net;

namespace EdgeePS.Settings
{
    /// <summary>Everything a request needs besides its body, resolved once per command invocation.</summary>
    internal sealed class EdgeeClientOptions
    {
        public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(120);
        public const int DefaultMaximumRetryCount = 2;
        public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(1);

        /// <summary>A larger event is refused rather than buffered: a broken or hostile server cannot exhaust memory.</summary>
        public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

        public EdgeeClientOptions(EdgeeEndpoint endpoint, string apiKey)
        {
            Endpoint = endpoint;
            ApiKey = apiKey;
        }

        public EdgeeEndpoint Endpoint { get; }

        /// <summary>Sent as a bearer token, never written anywhere else.</summary>
        public string ApiKey { get; }

        /// <summary>How long to wait for the response headers; null waits without limit.</summary>
        public TimeSpan? ResponseTimeout { get; set; }

        /// <summary>How long a stream may go without an event before it is given up.</summary>
        public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

        /// <summary>Retries of a request that failed before any of its body reached the caller; 0 disables.</summary>
        public int MaximumRetryCount { get; set; } = DefaultMaximumRetryCount;

        /// <summary>The first retry's wait; later ones double, with jitter. Retry-After wins when the gateway sends it.</summary>
        public TimeSpan RetryInterval { get; set; } = DefaultRetryInterval;

        public Uri? Proxy { get; set; }

        public NetworkCredential? ProxyCredential { get; set; }

        public int MaxEventBytes { get; set; } = DefaultMaxEventBytes;

        /// <summary>Tags every request carries, besides its own.</summary>
        public IReadOnlyList<string> DefaultTags { get; set; } = Array.Empty<string>();

        public string UserAgent { get; set; } = "EdgeePS";

        /// <summary>Narration of what the client does (retries), called on the thread that called the client.</summary>
        public Action<string>? Log { get; set; }

        // Keep the key out of anything that prints this object.
        public override string ToString() => $"EdgeeClientOptions({Endpoint})";
    }
}
