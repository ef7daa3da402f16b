using System;
using System.Collections.Generic;

namespace EdgeePS
{
    /// <summary>The settings in force for this session and where each came from. Never carries the key itself.</summary>
    public sealed class EdgeeConfiguration
    {
        public string BaseUrl { get; set; } = string.Empty;

        /// <summary>Session, Environment or Default.</summary>
        public string BaseUrlSource { get; set; } = string.Empty;

        /// <summary>Session, Environment or None: where the key would come from; the key itself is never shown.</summary>
        public string ApiKeySource { get; set; } = string.Empty;

        /// <summary>The wait for the response headers; null: no limit.</summary>
        public int? TimeoutSec { get; set; }

        /// <summary>How long a stream may go without an event; null: no limit.</summary>
        public int? IdleTimeoutSec { get; set; }

        public int MaximumRetryCount { get; set; }
        public double RetryIntervalSec { get; set; }

        /// <summary>The explicit proxy; null when the system's proxy settings apply.</summary>
        public Uri? Proxy { get; set; }

        public string? ProxyUser { get; set; }
        public bool AllowUnencryptedAuthentication { get; set; }
        public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{BaseUrl} (key from {ApiKeySource})";
    }
}
