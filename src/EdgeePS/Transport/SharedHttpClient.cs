using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace EdgeePS.Transport
{
    /// <summary>
    /// One HttpClient per proxy configuration for the whole process (every runspace shares the loaded module),
    /// so parallel runbooks reuse connections instead of exhausting sockets. Timeouts are per request, never
    /// here: HttpClient.Timeout stops applying once a stream's headers have arrived anyway.
    /// </summary>
    internal static class SharedHttpClient
    {
        // Keyed by proxy address and credential: clients with different proxies cannot share connections.
        private static readonly ConcurrentDictionary<(string?, string?, string?, string?), Lazy<HttpClient>> Clients =
            new ConcurrentDictionary<(string?, string?, string?, string?), Lazy<HttpClient>>();

        /// <summary>The client for an explicit proxy, or (null) the one that follows the system's proxy settings.</summary>
        public static HttpClient For(Uri? proxy, NetworkCredential? credential)
        {
            var key = (proxy?.AbsoluteUri, credential?.UserName, credential?.Password, credential?.Domain);
            return Clients.GetOrAdd(key, _ => new Lazy<HttpClient>(() => Create(proxy, credential), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        }

        private static HttpClient Create(Uri? proxy, NetworkCredential? credential)
        {
            var explicitProxy = proxy is null ? null : new WebProxy(proxy) { Credentials = credential };
#if NET
            var handler = new SocketsHttpHandler
            {
                // Pick up DNS changes of a long-lived process.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // A stream abandoned early (Ctrl+C, Select-Object -First) must close its connection at once;
                // draining it would keep the gateway generating tokens nobody reads.
                MaxResponseDrainSize = 0,
                AutomaticDecompression = DecompressionMethods.All,
            };
#else
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
#endif
            if (explicitProxy != null)
            {
                handler.Proxy = explicitProxy;
                handler.UseProxy = true;
            }

            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }
    }
}
