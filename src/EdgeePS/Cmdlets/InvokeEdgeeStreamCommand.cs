using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>Streams a chat completion, writing each chunk to the pipeline as it arrives (and, with -Tool, each tool call).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EdgeeStream", SupportsShouldProcess = true)]
    [OutputType(typeof(StreamChunk))]
    [OutputType(typeof(ToolInvocation))]
    public sealed class InvokeEdgeeStreamCommand : ChatCommandBase
    {
        protected override bool Streaming => true;
    }
}
