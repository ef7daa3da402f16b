using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Sends a chat completion request and returns the whole answer (or, with -Stream, its chunks and, with -Tool, each
    /// tool call). Four parameter sets: whole or streamed, each stating its own output types, and each with a Context
    /// twin in which the model and the prompt are given on the command line and what is piped in is their context.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "EdgeeCompletion", DefaultParameterSetName = CompletionSet, SupportsShouldProcess = true)]
    [OutputType(typeof(CompletionResponse), ParameterSetName = new[] { CompletionSet, CompletionContextSet })]
    [OutputType(typeof(StreamChunk), typeof(ToolInvocation), ParameterSetName = new[] { StreamSet, StreamContextSet })]
    public sealed partial class SendEdgeeCompletionCommand : ChatCommandBase
    {
        public const string CompletionSet = "Completion";
        public const string StreamSet = "Stream";
        public const string CompletionContextSet = "CompletionContext";
        public const string StreamContextSet = "StreamContext";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = CompletionSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = StreamSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CompletionContextSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StreamContextSet)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public override string Model { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CompletionSet)]
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = StreamSet)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = CompletionContextSet)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = StreamContextSet)]
        [Alias("Prompt")]
        [PromptFromProperty]
        public override object? InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CompletionContextSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = StreamContextSet)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public override object? Context { get; set; }

        [Parameter(ParameterSetName = CompletionContextSet)]
        [Parameter(ParameterSetName = StreamContextSet)]
        public override ContextFormat ContextFormat { get; set; }

        [Parameter(ParameterSetName = CompletionContextSet)]
        [Parameter(ParameterSetName = StreamContextSet)]
        [ValidateRange(1, int.MaxValue)]
        public override int MaximumContextLength { get; set; } = PipelineContext.DefaultMaximumLength;

        /// <summary>Stream the answer as Invoke-EdgeeStream does.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
        [Parameter(Mandatory = true, ParameterSetName = StreamContextSet)]
        public SwitchParameter Stream { get; set; }

        protected override bool Streaming => Stream.IsPresent;

        protected override bool TakesContext => ParameterSetName == CompletionContextSet || ParameterSetName == StreamContextSet;
    }
}
