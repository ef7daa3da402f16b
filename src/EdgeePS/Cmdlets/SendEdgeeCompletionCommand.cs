using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>Sends a chat completion request and returns the whole answer (or, with -Stream, its chunks).</summary>
    [Cmdlet(VerbsCommunications.Send, "EdgeeCompletion", SupportsShouldProcess = true)]
    [OutputType(typeof(CompletionResponse))]
    [OutputType(typeof(StreamChunk))]
    [OutputType(typeof(ToolInvocation))]
    public sealed class SendEdgeeCompletionCommand : ChatCommandBase
    {
        /// <summary>Stream the answer as Invoke-EdgeeStream does.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        protected override bool Streaming => Stream.IsPresent;
    }
}
