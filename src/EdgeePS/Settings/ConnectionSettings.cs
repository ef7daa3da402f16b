using System;
using System.Collections.Generic;
using System.Net;

namespace EdgeePS.Settings
{
    /// <summary>
    /// One layer of connection settings — what a command's parameters say, or what the session was configured
    /// with. Null means "not said here"; <see cref="EdgeeSettings"/> merges the layers.
    /// </summary>
    internal sealed class ConnectionSettings
    {
        public string? ApiKey { get; set; }
        public string? BaseUrl { get; set; }
        public TimeSpan? ResponseTimeout { get; set; }
        public TimeSpan? IdleTimeout { get; set; }
        public int? MaximumRetryCount { get; set; }
        public TimeSpan? RetryInterval { get; set; }
        public Uri? Proxy { get; set; }
        public NetworkCredential? ProxyCredential { get; set; }
        public bool? AllowUnencryptedAuthentication { get; set; }
        /// <summary>Tags every request of the session carries (a session setting only).</summary>
        public IReadOnlyList<string>? Tags { get; set; }

        // Keep the key out of anything that prints this object.
        public override string ToString() => $"ConnectionSettings({BaseUrl})";
    }
}
