using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Writes streamed answers to the console as they arrive, as flowing paragraphs (Show-EdgeeStream, Enter-EdgeeChat).
    /// Text goes out the way Write-Host sends it (information records for the host), so 6> redirection and transcripts
    /// see it too. A reasoning model's thinking, when shown, comes first and set apart: dimmed where the host renders
    /// ANSI styles, and always a paragraph of its own. A tool call is a line of its own, and a new answer starts a new line.
    /// </summary>
    internal sealed class HostTextWriter
    {
        private const string Dim = "\u001b[2m";
        private const string NormalIntensity = "\u001b[22m";
        private const string ToolLinePrefix = "[tool] ";
        private static readonly string[] HostTags = { "PSHOST" };

        private readonly Cmdlet _cmdlet;
        private readonly bool _includeReasoning;
        private readonly bool _dimReasoning;
        private object? _lastAnswer;
        private bool _lineOpen;
        private bool _inReasoning;

        public HostTextWriter(PSCmdlet cmdlet, bool includeReasoning)
        {
            _cmdlet = cmdlet;
            _includeReasoning = includeReasoning;
            _dimReasoning = includeReasoning && HostRendersAnsi(cmdlet);
        }

        /// <summary>Shows a StreamChunk, ToolInvocation or CompletionResponse (or any text) as the console should see it.</summary>
        public void Show(object? value)
        {
            if (value is ToolInvocation invocation)
            {
                // A tool call between two rounds of text: a line of its own, then the next round starts afresh.
                EndLine();
                Write(ToolLinePrefix + invocation, newLine: true);
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
            if (_includeReasoning && !string.IsNullOrEmpty(reasoning))
            {
                WriteReasoning(reasoning!);
            }

            var text = value is ToolInvocation ? string.Empty : value?.ToString() ?? string.Empty;
            if (text.Length > 0)
            {
                EndReasoning();
                Write(text, newLine: false);
                _lineOpen = true;
            }

            if (value is CompletionResponse)
            {
                EndLine();
            }
        }

        /// <summary>A line of its own, after whatever was being written.</summary>
        public void WriteLine(string text)
        {
            EndLine();
            Write(text, newLine: true);
        }

        /// <summary>Text that the next output continues on the same line, such as a prompt.</summary>
        public void WritePrompt(string text)
        {
            EndLine();
            Write(text, newLine: false);
        }

        public void EndLine()
        {
            if (_lineOpen)
            {
                Write(string.Empty, newLine: true);
                _lineOpen = false;
            }

            _inReasoning = false;
        }

        private void WriteReasoning(string reasoning)
        {
            if (!_inReasoning)
            {
                EndLine();
                _inReasoning = true;
            }

            // Styled piece by piece, so nothing written in between (a warning, an error) comes out dimmed.
            Write(_dimReasoning ? Dim + reasoning + NormalIntensity : reasoning, newLine: false);
            _lineOpen = true;
        }

        // The answer after the reasoning starts a paragraph of its own.
        private void EndReasoning()
        {
            if (_inReasoning)
            {
                EndLine();
                Write(string.Empty, newLine: true);
            }
        }

        private void Write(string text, bool newLine) =>
            _cmdlet.WriteInformation(new HostInformationMessage { Message = text, NoNewLine = !newLine }, HostTags);

        // $PSStyle.OutputRendering is PlainText when the user (or NO_COLOR) wants no styles; Windows PowerShell has no $PSStyle.
        private static bool HostRendersAnsi(PSCmdlet cmdlet)
        {
            if (!cmdlet.Host.UI.SupportsVirtualTerminal)
            {
                return false;
            }

            var style = cmdlet.SessionState.PSVariable.GetValue("PSStyle");
            var rendering = style is null ? null : PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value?.ToString();
            return rendering != "PlainText";
        }
    }
}
