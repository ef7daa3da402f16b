using System;
using System.Text.RegularExpressions;

namespace EdgeePS.Settings
{
    /// <summary>The gateway's address, normalised so that every spelling users write leads to one URL.</summary>
    internal sealed class EdgeeEndpoint
    {
        public const string DefaultBaseUrl = "https://api.edgee.ai";

        private EdgeeEndpoint(Uri baseUri)
        {
            // Uri puts a '/' after a bare host; without trimming it, appending would give '//v1'.
            var root = baseUri.AbsoluteUri.TrimEnd('/');
            BaseUri = baseUri;
            ChatCompletions = new Uri(root + "/v1/chat/completions");
            Models = new Uri(root + "/v1/models");
        }

        /// <summary>The base without a trailing '/' or '/v1'.</summary>
        public Uri BaseUri { get; }

        public Uri ChatCompletions { get; }

        public Uri Models { get; }

        public bool IsLoopback => BaseUri.IsLoopback;

        public bool IsEncrypted => BaseUri.Scheme == Uri.UriSchemeHttps;

        /// <summary>Accepts <c>https://host</c>, <c>https://host/</c>, <c>https://host/v1</c> and <c>https://host/v1/</c> alike.</summary>
        public static EdgeeEndpoint Parse(string baseUrl)
        {
            var trimmed = baseUrl.Trim().TrimEnd('/');
            if (trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 3).TrimEnd('/');
            }

            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.Query.Length > 0
                || uri.Fragment.Length > 0
                || uri.UserInfo.Length > 0)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.InvalidBaseUrl,
                    $"The base URL '{WithoutCredentials(baseUrl)}' is not valid: give an absolute http(s) URL without query or credentials, e.g. {DefaultBaseUrl}.");
            }

            return new EdgeeEndpoint(uri);
        }

        // A URL such as https://user:password@host must not put the password into an error message.
        private static string WithoutCredentials(string url) =>
            Regex.Replace(url, "//[^/@]*@", "//***@", RegexOptions.CultureInvariant);

        public override string ToString() => BaseUri.AbsoluteUri.TrimEnd('/');
    }
}
