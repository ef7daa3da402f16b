using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Streams a chat completion, writing each chunk to the pipeline as it arrives (and, with -Tool, each tool call).
    /// In the Prompt set each piped object is a prompt of its own; in the Context set (the model and the prompt given
    /// on the command line) what is piped in is the context of that one prompt.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EdgeeStream", DefaultParameterSetName = PromptSet, SupportsShouldProcess = true)]
    [OutputType(typeof(StreamChunk))]
    [OutputType(typeof(ToolInvocation))]
    public sealed class InvokeEdgeeStreamCommand : ChatCommandBase
    {
        public const string PromptSet = "Prompt";
        public const string ContextSet = "Context";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PromptSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ContextSet)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public override string Model { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PromptSet)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ContextSet)]
        [Alias("Prompt")]
        [PromptFromProperty]
        public override object? InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ContextSet)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public override object? Context { get; set; }

        [Parameter(ParameterSetName = ContextSet)]
        public override ContextFormat ContextFormat { get; set; }

        [Parameter(ParameterSetName = ContextSet)]
        [ValidateRange(1, int.MaxValue)]
        public override int MaximumContextLength { get; set; } = PipelineContext.DefaultMaximumLength;

        protected override bool Streaming => true;

        protected override bool TakesContext => ParameterSetName == ContextSet;
    }
}
