using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EdgeePS.Serialization;

namespace EdgeePS.Tools
{
    /// <summary>
    /// Turns what a command wrote into the text of a tool message: each output item on a line of its own, strings as
    /// they are and other objects as compact JSON a few levels deep, then one <c>Error: message</c> line per error.
    /// The text is capped, and says so where it was cut, so one chatty command cannot flood the model's context.
    /// </summary>
    internal sealed class ToolOutputFormatter
    {
        /// <summary>About 4,000 tokens: enough for a status and a page of log, small beside any model's context.</summary>
        public const int DefaultMaximumLength = 16000;

        /// <summary>As ConvertTo-Json's default shows it, one level more: a service's status, not its whole object graph.</summary>
        private const int ObjectDepth = 3;

        private const string NoOutput = "(no output)";

        private readonly Func<object, object?> _unwrap;
        private readonly int _maximumLength;

        public ToolOutputFormatter(Func<object, object?> unwrap, int maximumLength = DefaultMaximumLength)
        {
            _unwrap = unwrap;
            _maximumLength = maximumLength;
        }

        public string Format(IReadOnlyList<object?> output, IReadOnlyList<string> errors)
        {
            var text = new StringBuilder();
            // The JSON of more values than the cap has characters would be cut anyway: never build more.
            var budget = _maximumLength;
            var cut = false;
            foreach (var item in output)
            {
                if (text.Length > _maximumLength || budget <= 0)
                {
                    cut = true;
                    break;
                }

                var line = Line(item, ref budget);
                if (line is null)
                {
                    continue;
                }

                AppendLine(text, line);
                cut |= budget < 0;
            }

            foreach (var error in errors)
            {
                AppendLine(text, "Error: " + error);
            }

            if (text.Length > _maximumLength)
            {
                text.Length = _maximumLength;
                cut = true;
            }

            // A cut just after a line break leaves no empty line before the note.
            while (cut && text.Length > 0 && text[text.Length - 1] == '\n')
            {
                text.Length--;
            }

            if (cut)
            {
                AppendLine(text, string.Format(CultureInfo.InvariantCulture, "[EdgeePS cut this output at {0} characters.]", _maximumLength));
            }

            return text.Length == 0 ? NoOutput : text.ToString();
        }

        private string? Line(object? item, ref int budget)
        {
            switch (item is null ? null : Unwrap(item))
            {
                case null:
                    return null;
                case string text:
                    budget -= text.Length;
                    return text;
                case object value:
                    return JsonTreeBuilder.ToSummary(value, _unwrap, ObjectDepth, ref budget)?.ToJsonString(ReadableJson.Options);
            }
        }

        // Only to see whether the item is text: an object whose wrapper cannot be read is shown as its text.
        private object? Unwrap(object item)
        {
            try
            {
                return _unwrap(item);
            }
            catch (Exception)
            {
                return item.ToString();
            }
        }

        private static void AppendLine(StringBuilder text, string line)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(line);
        }
    }
}
