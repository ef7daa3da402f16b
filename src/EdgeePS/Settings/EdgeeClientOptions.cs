using System;
using System.Collections.Generic;
using System.Net;

namespace EdgeePS.Settings
{
    /// <summary>Everything a request needs besides its body, resolved once per command invocation.</summary>
    internal sealed class EdgeeClientOptions
    {
        public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(120);

        // One retry, after a pause. An error reaching us means the gateway has already retried 429s and 5xx once on
        // the same provider and then fallen back to others, without delay: what is left for us is what it cannot
        // cure, a blip between us and the gateway or the gateway itself, and a limit that asks us to wait. One
        // delayed attempt covers those; more would mostly multiply the load on an upstream that is already failing
        // (each of our attempts fans out to several of the gateway's) and keep a runbook waiting longer.
        public const int DefaultMaximumRetryCount = 1;
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

        /// <summary>The clock that timeouts, retry waits and Retry-After dates run on; tests move a fake one.</summary>
        public TimeProvider Clock { get; set; } = TimeProvider.System;

        /// <summary>Narration of what the client does (retries), called on the thread that called the client.</summary>
        public Action<string>? Log { get; set; }

        /// <summary>The pause a batch shares (Send-EdgeeCompletion -ThrottleLimit): rate limits hold every request of it; null for one request on its own.</summary>
        public Transport.RetryGate? RetryGate { get; set; }

        /// <summary>The same settings, narrated elsewhere: each request of a batch keeps its own narration for its turn.</summary>
        public EdgeeClientOptions WithLog(Action<string>? log)
        {
            var copy = (EdgeeClientOptions)MemberwiseClone();
            copy.Log = log;
            return copy;
        }

        // Keep the key out of anything that prints this object.
        public override string ToString() => $"EdgeeClientOptions({Endpoint})";
    }
}
