using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EdgeePS.Streaming
{
    /// <summary>One choice of a streamed answer put together from its deltas: role, content, reasoning, refusal, tool calls, finish reason.</summary>
    internal sealed class ChoiceAccumulator
    {
        private readonly StringBuilder _content = new StringBuilder();
        private readonly StringBuilder _reasoning = new StringBuilder();
        private readonly List<ToolCallAccumulator> _toolCalls = new List<ToolCallAccumulator>();
        private StringBuilder? _refusal;
        private ToolCallAccumulator? _openCall;
        private string? _role;
        private string? _finishReason;

        public ChoiceAccumulator(int index) => Index = index;

        public int Index { get; }

        public bool IsFinished => _finishReason != null;

        public void Add(StreamChoice choice)
        {
            if (choice.Delta is ChatMessage delta)
            {
                _role ??= string.IsNullOrEmpty(delta.Role) ? null : delta.Role;
                _content.Append(delta.Content);
                _reasoning.Append(delta.Reasoning);
                if (!string.IsNullOrEmpty(delta.Refusal))
                {
                    // Rare (a model declining a schema), so only an answer that has one pays for it.
                    (_refusal ??= new StringBuilder()).Append(delta.Refusal);
                }

                foreach (var fragment in delta.ToolCalls ?? Enumerable.Empty<ToolCall>())
                {
                    AddToolCallFragment(fragment);
                }
            }

            if (!string.IsNullOrEmpty(choice.FinishReason))
            {
                _finishReason = choice.FinishReason;
                _openCall = null;
            }
        }

        /// <summary>The choice as a whole answer carries it. Content, reasoning and refusal are null when none arrived.</summary>
        public CompletionChoice ToChoice() => new CompletionChoice
        {
            Index = Index,
            FinishReason = _finishReason,
            Message = new ChatMessage
            {
                Role = _role ?? "assistant",
                Content = _content.Length > 0 ? _content.ToString() : null,
                Reasoning = _reasoning.Length > 0 ? _reasoning.ToString() : null,
                Refusal = _refusal?.ToString(),
                ToolCalls = _toolCalls.Count > 0 ? _toolCalls.Select(call => call.ToToolCall()).ToList() : null,
            },
        };

        // A fragment belongs to the call of its index, whatever came in between (parallel calls interleave). One
        // without an index continues the open call: the last one a fragment went to, until another index or the
        // finish reason completes it. Whether the arguments parse as JSON says nothing: a prefix like "1" does.
        private void AddToolCallFragment(ToolCall fragment)
        {
            var call = fragment.Index is int index ? _toolCalls.LastOrDefault(candidate => candidate.Index == index) : _openCall;
            if (call is null || call.IsAnotherCall(fragment))
            {
                call = new ToolCallAccumulator(fragment.Index ?? _toolCalls.Count);
                _toolCalls.Add(call);
            }

            call.Add(fragment);
            _openCall = call;
        }
    }
}
