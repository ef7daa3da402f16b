using System;
using System.Collections.Generic;

namespace EdgeePS.Simulation
{
    /// <summary>The request line and headers of one HTTP/1.1 request, before its body.</summary>
    internal sealed class RequestHead
    {
        public RequestHead(string method, string target, string version, Dictionary<string, string> headers)
        {
            Method = method;
            Target = target;
            Version = version;
            Headers = headers;
        }

        public string Method { get; }

        /// <summary>The request target exactly as sent.</summary>
        public string Target { get; }

        public string Version { get; }

        /// <summary>Case-insensitive names; repeated headers joined with ", ".</summary>
        public Dictionary<string, string> Headers { get; }

        /// <summary>HTTP/1.1 keeps the connection open unless the client says otherwise; HTTP/1.0 closes it.</summary>
        public bool KeepAlive =>
            Version == "HTTP/1.1" && !(Headers.TryGetValue("Connection", out var connection) && HasToken(connection, "close"));

        /// <summary>.NET Framework's HttpClient asks before it sends a POST body.</summary>
        public bool ExpectsContinue => Headers.TryGetValue("Expect", out var expect) && HasToken(expect, "100-continue");

        public bool ChunkedBody => Headers.TryGetValue("Transfer-Encoding", out var encoding) && HasToken(encoding, "chunked");

        private static bool HasToken(string value, string token)
        {
            foreach (var part in value.Split(','))
            {
                if (string.Equals(part.Trim(), token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
