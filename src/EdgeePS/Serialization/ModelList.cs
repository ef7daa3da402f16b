using System.Collections.Generic;

namespace EdgeePS.Serialization
{
    /// <summary>The envelope of <c>GET /v1/models</c>: <c>{"object":"list","data":[...]}</c>.</summary>
    internal sealed class ModelList
    {
        public List<ModelInfo> Data { get; set; } = new List<ModelInfo>();
    }
}
