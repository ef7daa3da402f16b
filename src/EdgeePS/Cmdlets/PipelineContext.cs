using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using EdgeePS.Serialization;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// The objects piped into a chat command that has its model and prompt already (the Context parameter sets),
    /// collected for one request and written as text for the model: strings as they are, a line each, and each run of
    /// other objects as PowerShell shows them (Out-String), or every item as a line of JSON. The text has a limit,
    /// checked as the strings arrive and again once rendered: over it, nothing is sent.
    /// </summary>
    internal sealed class PipelineContext
    {
        /// <summary>About 25,000 tokens: a few hundred log lines or a screenful of objects, well within any model's context.</summary>
        public const int DefaultMaximumLength = 100000;

        /// <summary>Wide enough for a table of a few columns not to be cut, as a wide console shows it.</summary>
        private const int TextWidth = 160;

        /// <summary>As tool output is written for the model: a service's status, not its whole object graph.</summary>
        private const int JsonDepth = 3;

        private const string OutString = "param($__EdgeePSItems, $__EdgeePSWidth) $__EdgeePSItems | Out-String -Width $__EdgeePSWidth";

        private readonly List<object> _items = new List<object>();
        private readonly int _maximumLength;
        private long _stringLength;

        public PipelineContext(int maximumLength) => _maximumLength = maximumLength;

        /// <summary>How many objects arrived (nulls are left out).</summary>
        public int Count => _items.Count;

        /// <summary>Adds a piped object (the items of a list given as -Context one by one).</summary>
        /// <exception cref="EdgeeException">ContextTooLarge: the strings alone are already over the limit.</exception>
        public void Add(object? item)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value is IList list && !(value is string))
            {
                foreach (var element in list)
                {
                    Add(element);
                }

                return;
            }

            if (value is null)
            {
                return;
            }

            _items.Add(item!);
            if (value is string text)
            {
                // Counted as they come, so a huge file is refused at once, not after it was all read.
                _stringLength += text.Length + 1;
                if (_stringLength - 1 > _maximumLength)
                {
                    throw TooLarge($"more than {_maximumLength.ToString("N0", CultureInfo.InvariantCulture)} characters after {Count.ToString("N0", CultureInfo.InvariantCulture)} object(s)");
                }
            }
        }

        /// <exception cref="EdgeeException">ContextTooLarge: the rendered text is over the limit.</exception>
        public string Render(ContextFormat format, PSCmdlet cmdlet)
        {
            var text = format == ContextFormat.Json ? Json() : Text(cmdlet);
            if (text.Length > _maximumLength)
            {
                throw TooLarge($"{text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters from {Count.ToString("N0", CultureInfo.InvariantCulture)} object(s)");
            }

            return text;
        }

        private string Text(PSCmdlet cmdlet)
        {
            var lines = new List<string>();
            var run = new List<object>();
            foreach (var item in _items)
            {
                if ((item is PSObject wrapped ? wrapped.BaseObject : item) is string text)
                {
                    AddRendered(lines, run, cmdlet);
                    lines.Add(text);
                }
                else
                {
                    run.Add(item);
                }
            }

            AddRendered(lines, run, cmdlet);
            return string.Join("\n", lines);
        }

        // A run of objects together, so objects of one kind make one table, as at the console; without the padding.
        private static void AddRendered(List<string> lines, List<object> run, PSCmdlet cmdlet)
        {
            if (run.Count == 0)
            {
                return;
            }

            var shown = cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create(OutString), null, run.ToArray(), TextWidth);
            run.Clear();
            var rendered = string.Concat(shown.Select(item => item?.ToString()))
                .Replace("\r\n", "\n")
                .Split('\n')
                .Select(line => line.TrimEnd())
                .SkipWhile(line => line.Length == 0)
                .ToList();
            while (rendered.Count > 0 && rendered[rendered.Count - 1].Length == 0)
            {
                rendered.RemoveAt(rendered.Count - 1);
            }

            lines.AddRange(rendered);
        }

        private string Json()
        {
            var text = new StringBuilder();
            // Every value written costs at least a character: a budget the size of the limit never cuts what fits.
            var budget = _maximumLength + 1;
            foreach (var item in _items)
            {
                var line = JsonTreeBuilder.ToSummary(item, PowerShellValues.Unwrap, JsonDepth, ref budget)?.ToJsonString(ReadableJson.Options) ?? "null";
                if (budget < 0 || text.Length > _maximumLength)
                {
                    throw TooLarge($"more than {_maximumLength.ToString("N0", CultureInfo.InvariantCulture)} characters of JSON from {Count.ToString("N0", CultureInfo.InvariantCulture)} object(s)");
                }

                text.Append(text.Length == 0 ? string.Empty : "\n").Append(line);
            }

            return text.ToString();
        }

        private EdgeeException TooLarge(string what) => new EdgeeException(
            EdgeeErrorIds.ContextTooLarge,
            $"The context piped in is {what}, over the limit of {_maximumLength.ToString("N0", CultureInfo.InvariantCulture)} (-MaximumContextLength): nothing was sent.");
    }
}
