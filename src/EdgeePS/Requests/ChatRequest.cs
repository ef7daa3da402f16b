namespace EdgeePS.Requests
{
    /// <summary>A validated request, ready to send: the JSON body and what is worth saying about it.</summary>
    internal sealed class ChatRequest
    {
        public ChatRequest(string model, bool stream, byte[] body, int messageCount)
        {
            Model = model;
            Stream = stream;
            Body = body;
            MessageCount = messageCount;
        }

        public string Model { get; }
        public bool Stream { get; }
        public byte[] Body { get; }
        public int MessageCount { get; }
    }
}
