using System;
using System.Net.Http;
using System.Threading;

namespace EdgeePS.Client
{
    /// <summary>
    /// One HttpClient for the whole process (every runspace shares the loaded module), so parallel
    /// runbooks reuse connections instead of exhausting sockets. Timeouts are per request, never here:
    /// HttpClient.Timeout stops applying once a stream's headers have arrived anyway.
    /// </summary>
    internal static class SharedHttpClient
    {
        private static readonly Lazy<HttpClient> Client = new Lazy<HttpClient>(Create, LazyThreadSafetyMode.ExecutionAndPublication);

        public static HttpClient Instance => Client.Value;

        private static HttpClient Create()
        {
#if NET
            var handler = new SocketsHttpHandler
            {
                // Pick up DNS changes of a long-lived process.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // A stream abandoned early (Ctrl+C, Select-Object -First) must close its connection at once;
                // draining it would keep the gateway generating tokens nobody reads.
                MaxResponseDrainSize = 0,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            };
#else
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            };
#endif
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }
    }
}
