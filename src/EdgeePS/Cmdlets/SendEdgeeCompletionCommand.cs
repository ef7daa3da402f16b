using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Sends a chat completion request and returns the whole answer (or, with -Stream, its chunks and, with -Tool, each
    /// tool call). The two parameter sets exist so that each states its own output types.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "EdgeeCompletion", DefaultParameterSetName = CompletionSet, SupportsShouldProcess = true)]
    [OutputType(typeof(CompletionResponse), ParameterSetName = new[] { CompletionSet })]
    [OutputType(typeof(StreamChunk), typeof(ToolInvocation), ParameterSetName = new[] { StreamSet })]
    public sealed class SendEdgeeCompletionCommand : ChatCommandBase
    {
        public const string CompletionSet = "Completion";
        public const string StreamSet = "Stream";

        /// <summary>Stream the answer as Invoke-EdgeeStream does.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
        public SwitchParameter Stream { get; set; }

        protected override bool Streaming => Stream.IsPresent;
    }
}
