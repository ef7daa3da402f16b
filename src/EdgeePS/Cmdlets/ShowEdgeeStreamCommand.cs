using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Writes streamed text to the console as it arrives, as one flowing paragraph instead of one chunk per line.
    /// For people at a prompt; scripts keep the objects (-PassThru) or use ForEach-Object Text. Text goes out the
    /// way Write-Host sends it (information records for the host), so 6> redirection and transcripts see it too.
    /// With -IncludeReasoning, a reasoning model's thinking comes first, set apart: dimmed where the host renders
    /// ANSI styles, and always a paragraph of its own. A tool call (-Tool) is shown on a line of its own.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "EdgeeStream")]
    [OutputType(typeof(StreamChunk), typeof(CompletionResponse), typeof(ToolInvocation))]
    public sealed class ShowEdgeeStreamCommand : PSCmdlet
    {
        private const string Dim = "\u001b[2m";
        private const string NormalIntensity = "\u001b[22m";
        private const string ToolLinePrefix = "[tool] ";
        private static readonly string[] HostTags = { "PSHOST" };

        private object? _lastAnswer;
        private bool _lineOpen;
        private bool _inReasoning;
        private bool _dimReasoning;

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

        protected override void BeginProcessing() => _dimReasoning = IncludeReasoning && HostRendersAnsi();

        protected override void ProcessRecord()
        {
            var value = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
            if (value is ToolInvocation invocation)
            {
                // A tool call between two rounds of text: a line of its own, then the next round starts afresh.
                EndLine();
                WriteToHost(ToolLinePrefix + invocation, newLine: true);
                _lastAnswer = null;
            }
            else if (value is StreamChunk chunk && chunk.AnswerKey is object answer)
            {
                // A new answer (the next piped prompt) starts on a line of its own.
                if (_lastAnswer != null && !answer.Equals(_lastAnswer))
                {
                    EndLine();
                }

                _lastAnswer = answer;
            }

            var reasoning = value is StreamChunk reasoningChunk ? reasoningChunk.Reasoning : (value as CompletionResponse)?.Reasoning;
            if (IncludeReasoning && !string.IsNullOrEmpty(reasoning))
            {
                WriteReasoning(reasoning!);
            }

            var text = value is ToolInvocation ? string.Empty : value?.ToString() ?? string.Empty;
            if (text.Length > 0)
            {
                EndReasoning();
                WriteToHost(text, newLine: false);
                _lineOpen = true;
            }

            if (value is CompletionResponse)
            {
                EndLine();
            }

            if (PassThru)
            {
                WriteObject(InputObject);
            }
        }

        protected override void EndProcessing() => EndLine();

        private void WriteReasoning(string reasoning)
        {
            if (!_inReasoning)
            {
                EndLine();
                _inReasoning = true;
            }

            // Styled piece by piece, so nothing written in between (a warning, an error) comes out dimmed.
            WriteToHost(_dimReasoning ? Dim + reasoning + NormalIntensity : reasoning, newLine: false);
            _lineOpen = true;
        }

        // The answer after the reasoning starts a paragraph of its own.
        private void EndReasoning()
        {
            if (_inReasoning)
            {
                EndLine();
                WriteToHost(string.Empty, newLine: true);
            }
        }

        private void WriteToHost(string text, bool newLine) =>
            WriteInformation(new HostInformationMessage { Message = text, NoNewLine = !newLine }, HostTags);

        private void EndLine()
        {
            if (_lineOpen)
            {
                WriteToHost(string.Empty, newLine: true);
                _lineOpen = false;
            }

            _inReasoning = false;
        }

        // $PSStyle.OutputRendering is PlainText when the user (or NO_COLOR) wants no styles; Windows PowerShell has no $PSStyle.
        private bool HostRendersAnsi()
        {
            if (!Host.UI.SupportsVirtualTerminal)
            {
                return false;
            }

            var style = SessionState.PSVariable.GetValue("PSStyle");
            var rendering = style is null ? null : PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value?.ToString();
            return rendering != "PlainText";
        }
    }
}
