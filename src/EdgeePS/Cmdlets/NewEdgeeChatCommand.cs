using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EdgeePS.Conversation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Starts a conversation (an <see cref="EdgeePS.Chat"/>) for -Chat and Enter-EdgeeChat: empty, with a system
    /// prompt, or from messages saved before (ConvertTo-Json of a chat's messages, or /save), in either spelling.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EdgeeChat")]
    [OutputType(typeof(Chat))]
    public sealed class NewEdgeeChatCommand : PSCmdlet
    {
        private readonly List<object> _messages = new List<object>();

        /// <summary>The system message the chat starts with.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SystemPrompt { get; set; }

        /// <summary>Messages the chat starts from: ChatMessages, or hashtables and objects with role and content (a saved chat read back).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public object[]? Messages { get; set; }

        protected override void ProcessRecord() => _messages.AddRange((Messages ?? new object[0]).Where(message => message != null));

        protected override void EndProcessing()
        {
            var chat = new Chat();
            try
            {
                chat.Messages.AddRange(ChatMessageReader.Read(_messages, PowerShellValues.Unwrap));
                if (SystemPrompt != null)
                {
                    if (chat.Messages.Any(message => message.Role == "system"))
                    {
                        throw new EdgeeException(EdgeeErrorIds.ParameterConflictsWithInput, "-SystemPrompt was given and the messages already have a system message: use one or the other.");
                    }

                    chat.Messages.Insert(0, new ChatMessage("system", SystemPrompt));
                }
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, Messages));
            }

            WriteVerbose($"A chat of {chat.Messages.Count} message(s).");
            WriteObject(chat);
        }
    }
}
