using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading;
using EdgeePS.Conversation;
using EdgeePS.Requests;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// A conversation at the prompt: each line typed (or piped in) is a turn, streamed back as it arrives, and the chat
    /// keeps the conversation. Lines that start with '/' are commands: /exit, /reset, /save path. While an answer
    /// streams in the console, Ctrl+C stops that answer and the chat goes on (<see cref="ConsoleBreakWatcher"/>).
    /// Lines piped in are collected first and then read as if typed, so a chat can be scripted and tested.
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "EdgeeChat", SupportsShouldProcess = true)]
    [OutputType(typeof(Chat))]
    public sealed class EnterEdgeeChatCommand : TurnCommandBase
    {
        private const string Prompt = "> ";
        private const string Commands = "/exit leaves, /reset starts over, /save <path> writes the messages";

        private readonly List<string> _piped = new List<string>();
        private HostTextWriter _screen = null!;

        /// <summary>The model id, e.g. gpt-5.2. Tab completes from the gateway's listing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public string Model { get; set; } = string.Empty;

        /// <summary>A conversation to go on with (New-EdgeeChat, or an earlier -PassThru); a new one otherwise.</summary>
        [Parameter]
        [ValidateNotNull]
        public Chat? Chat { get; set; }

        /// <summary>A line piped in, read as if typed at the prompt.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? InputObject { get; set; }

        /// <summary>Write the chat to the pipeline when the conversation ends.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (MyInvocation.ExpectingInput)
            {
                _piped.Add(InputObject ?? string.Empty);
            }
        }

        protected override void EndProcessing()
        {
            var chat = StartingChat();
            _screen = new HostTextWriter(this, includeReasoning: false);
            var interrupt = ConsoleBreakWatcher.CanWatch(Host) ? "; Ctrl+C stops an answer" : string.Empty;
            _screen.WriteLine($"Chatting with {Model} ({Commands}{interrupt}).");
            foreach (var line in Lines())
            {
                if (!Take(line.Trim(), chat))
                {
                    break;
                }
            }

            if (PassThru)
            {
                WriteObject(chat);
            }
        }

        private Chat StartingChat()
        {
            var chat = Chat ?? new Chat();
            if (SystemPrompt != null)
            {
                if (chat.Messages.Exists(message => message.Role == "system"))
                {
                    ThrowTerminatingError(ErrorRecords.From(
                        new EdgeeException(EdgeeErrorIds.ParameterConflictsWithInput, "-SystemPrompt was given and the chat already has a system message: use one or the other."),
                        Chat));
                }

                chat.Messages.Insert(0, new ChatMessage("system", SystemPrompt));
            }

            return chat;
        }

        // Piped lines are shown after the prompt as if typed; otherwise the host reads them, until it has no more.
        private IEnumerable<string> Lines()
        {
            if (MyInvocation.ExpectingInput)
            {
                foreach (var line in _piped)
                {
                    _screen.WritePrompt(Prompt);
                    _screen.WriteLine(line);
                    yield return line;
                }

                yield break;
            }

            while (true)
            {
                _screen.WritePrompt(Prompt);
                var typed = Host.UI.ReadLine();
                if (typed is null)
                {
                    yield break;
                }

                yield return typed;
            }
        }

        /// <returns>False once the conversation is over (/exit).</returns>
        private bool Take(string line, Chat chat)
        {
            if (line.Length == 0)
            {
                return true;
            }

            if (!line.StartsWith("/", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal))
            {
                // "//" sends a line that itself starts with a slash.
                Ask(line.StartsWith("//", StringComparison.Ordinal) ? line.Substring(1) : line, chat);
                return true;
            }

            var space = line.IndexOfAny(new[] { ' ', '\t' });
            var command = space < 0 ? line : line.Substring(0, space);
            var argument = space < 0 ? string.Empty : line.Substring(space + 1).Trim();
            switch (command.ToLowerInvariant())
            {
                case "/exit":
                    return false;
                case "/reset":
                    chat.Reset();
                    _screen.WriteLine($"Started over: the chat has {chat.Messages.Count} message(s).");
                    return true;
                case "/save":
                    Save(chat, argument);
                    return true;
                default:
                    _screen.WriteLine($"Unknown command {command}: {Commands}; start a line with // to send it as it is.");
                    return true;
            }
        }

        /// <summary>One turn: streamed to the console, appended to the chat once answered whole; Ctrl+C stops it alone.</summary>
        private void Ask(string line, Chat chat)
        {
            var historyCount = chat.Messages.Count;
            var additions = Additions();
            // The system prompt went into the chat at the start, not into each request.
            additions.SystemPrompt = null;
            additions.History = chat.Messages;
            ChatRequest request;
            try
            {
                request = ChatRequestBuilder.Build(Model, line, true, PowerShellValues.Unwrap, additions);
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, line));
                return;
            }

            var target = new EdgeeRequestInfo("POST", Options.Endpoint.ChatCompletions, request.Model, request.Stream);
            CompletionResponse? answer = null;
            var failed = false;
            using var answerStop = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            try
            {
                using (ConsoleBreakWatcher.Start(Host, answerStop))
                {
                    Run(Turn(request, null, accumulate: true, answerStop.Token), next =>
                    {
                        switch (next.Kind)
                        {
                            case TurnEventKind.Chunk:
                            case TurnEventKind.ToolInvocation:
                                if (next.Kind == TurnEventKind.ToolInvocation)
                                {
                                    WarnIfFailed(next.Invocation);
                                }

                                _screen.Show(next.Kind == TurnEventKind.Chunk ? (object)next.Chunk : next.Invocation);
                                break;
                            case TurnEventKind.Response:
                                answer = next.Response;
                                break;
                            case TurnEventKind.StreamError:
                            case TurnEventKind.Failure:
                                failed = true;
                                _screen.EndLine();
                                WriteError(ErrorRecords.From(next.Error, (object?)next.Response ?? target));
                                break;
                        }
                    });
                }
            }
            catch (OperationCanceledException) when (answerStop.IsCancellationRequested && !StopToken.IsCancellationRequested)
            {
                _screen.WriteLine("[stopped]");
                return;
            }
            catch (EdgeeException error)
            {
                _screen.EndLine();
                WriteError(ErrorRecords.From(error, target));
                return;
            }

            _screen.EndLine();
            if (answer != null && answer.IsComplete && !failed)
            {
                chat.Append(answer, historyCount, systemPromptAdded: false);
            }
        }

        private void Save(Chat chat, string path)
        {
            if (path.Length == 0)
            {
                _screen.WriteLine("Say where: /save <path>, e.g. /save ./chat.json.");
                return;
            }

            var fullPath = path;
            try
            {
                fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                File.WriteAllText(fullPath, ChatFile.ToJson(chat.Messages), new UTF8Encoding(false));
                _screen.WriteLine($"Saved {chat.Messages.Count} message(s) to {fullPath}; New-EdgeeChat -Messages (Get-Content '{path}' -Raw | ConvertFrom-Json) reads them back.");
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is NotSupportedException || error is ArgumentException
                || (error is RuntimeException && !(error is PipelineStoppedException)))
            {
                WriteError(ErrorRecords.From(new EdgeeException(EdgeeErrorIds.ChatSaveFailed, $"Could not save the chat to {fullPath}: {error.Message}", error), fullPath));
            }
        }
    }
}
