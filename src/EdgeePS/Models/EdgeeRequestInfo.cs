using System;

namespace EdgeePS
{
    /// <summary>What a failed request was, for an error record's TargetObject. Carries no credentials.</summary>
    public sealed class EdgeeRequestInfo
    {
        public EdgeeRequestInfo(string method, Uri uri, string model, bool stream)
        {
            Method = method;
            Uri = uri;
            Model = model;
            Stream = stream;
        }

        public string Method { get; }
        public Uri Uri { get; }
        public string Model { get; }
        public bool Stream { get; }

        public override string ToString() => $"{Method} {Uri} ({Model}{(Stream ? ", streamed" : string.Empty)})";
    }
}
