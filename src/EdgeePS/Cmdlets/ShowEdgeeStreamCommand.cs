using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Writes streamed text to the console as it arrives, as one flowing paragraph instead of one chunk per line
    /// (<see cref="HostTextWriter"/>). For people at a prompt; scripts keep the objects (-PassThru) or use
    /// ForEach-Object Text. With -IncludeReasoning, a reasoning model's thinking comes first, set apart. A tool call
    /// (-Tool) is shown on a line of its own.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "EdgeeStream")]
    [OutputType(typeof(StreamChunk), typeof(CompletionResponse), typeof(ToolInvocation))]
    public sealed class ShowEdgeeStreamCommand : PSCmdlet
    {
        private HostTextWriter _screen = null!;

        /// <summary>A StreamChunk, ToolInvocation or CompletionResponse (or any text) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>Also show a reasoning model's thinking, before the answer and set apart from it.</summary>
        [Parameter]
        public SwitchParameter IncludeReasoning { get; set; }

        /// <summary>Also pass every input object on down the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing() => _screen = new HostTextWriter(this, IncludeReasoning);

        protected override void ProcessRecord()
        {
            _screen.Show(InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject);
            if (PassThru)
            {
                WriteObject(InputObject);
            }
        }

        protected override void EndProcessing() => _screen.EndLine();
    }
}
