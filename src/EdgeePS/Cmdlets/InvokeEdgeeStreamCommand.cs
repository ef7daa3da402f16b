using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>Streams a chat completion, writing each chunk to the pipeline as it arrives.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EdgeeStream")]
    [OutputType(typeof(StreamChunk))]
    public sealed class InvokeEdgeeStreamCommand : ChatCommandBase
    {
        protected override bool Streaming => true;
    }
}
