using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Writes streamed text to the console as it arrives, as one flowing paragraph instead of one chunk per line.
    /// For people at a prompt; scripts keep the objects (-PassThru) or use ForEach-Object Text. Text goes out the
    /// way Write-Host sends it (information records for the host), so 6> redirection and transcripts see it too.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "EdgeeStream")]
    [OutputType(typeof(StreamChunk), typeof(CompletionResponse))]
    public sealed class ShowEdgeeStreamCommand : PSCmdlet
    {
        private static readonly string[] HostTags = { "PSHOST" };

        private string? _lastStreamId;
        private bool _lineOpen;

        /// <summary>A StreamChunk or CompletionResponse (or any text) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>Also pass every input object on down the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var value = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
            if (value is StreamChunk chunk && chunk.Id != null)
            {
                // A new stream (the next piped prompt) starts on a line of its own.
                if (_lastStreamId != null && chunk.Id != _lastStreamId)
                {
                    EndLine();
                }

                _lastStreamId = chunk.Id;
            }

            var text = value?.ToString() ?? string.Empty;
            if (text.Length > 0)
            {
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

        private void WriteToHost(string text, bool newLine) =>
            WriteInformation(new HostInformationMessage { Message = text, NoNewLine = !newLine }, HostTags);

        private void EndLine()
        {
            if (_lineOpen)
            {
                WriteToHost(string.Empty, newLine: true);
                _lineOpen = false;
            }
        }
    }
}
