using System.Text;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// One tool call put together from its stream fragments: the first fragment's id, type and function name, and
    /// every fragment's piece of the arguments, appended in order.
    /// </summary>
    internal sealed class ToolCallAccumulator
    {
        private readonly StringBuilder _arguments = new StringBuilder();
        private string? _id;
        private string? _type;
        private string? _name;

        public ToolCallAccumulator(int index) => Index = index;

        public int Index { get; }

        /// <summary>
        /// True when <paramref name="fragment"/> names a different call id: some providers number every call 0, so a
        /// new id at the same index is a new call, not more of this one.
        /// </summary>
        public bool IsAnotherCall(ToolCall fragment) =>
            !string.IsNullOrEmpty(fragment.Id) && _id != null && fragment.Id != _id;

        public void Add(ToolCall fragment)
        {
            // Providers that repeat the id or name on every fragment must not have them doubled.
            _id ??= NonEmpty(fragment.Id);
            _type ??= NonEmpty(fragment.Type);
            _name ??= NonEmpty(fragment.Function?.Name);
            _arguments.Append(fragment.Function?.Arguments);
        }

        /// <summary>The call as a whole answer carries it: no stream index, and function-typed when no type arrived.</summary>
        public ToolCall ToToolCall() => new ToolCall
        {
            Id = _id,
            Type = _type ?? "function",
            Function = new FunctionCall { Name = _name, Arguments = _arguments.ToString() },
        };

        private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
