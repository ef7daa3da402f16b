using System;
using System.Collections;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using EdgeePS.Errors;

namespace EdgeePS.Tools
{
    /// <summary>
    /// Answers one tool call the model made. The call runs only when it names a tool of the set and its arguments are
    /// a JSON object of that tool's parameters; otherwise the model is told why and nothing runs. What the runner
    /// returns becomes the tool message's text. The key never reaches the model, the record or the narration.
    /// </summary>
    internal sealed class ToolCaller
    {
        private readonly ToolSet _tools;
        private readonly IToolRunner _runner;
        private readonly ToolOutputFormatter _formatter;
        private readonly string _secret;

        public ToolCaller(ToolSet tools, IToolRunner runner, ToolOutputFormatter formatter, string secret)
        {
            _tools = tools;
            _runner = runner;
            _formatter = formatter;
            _secret = secret;
        }

        public ToolSet Tools => _tools;

        public ToolInvocation Call(ToolCall call, int round)
        {
            var clock = Stopwatch.StartNew();
            var name = call.Function?.Name ?? string.Empty;
            var invocation = new ToolInvocation { Id = call.Id, Name = name, Round = round };
            var tool = _tools.Runnable(name);
            if (tool is null)
            {
                var names = string.Join(", ", _tools.Names);
                return Refuse(invocation, ToolInvocationStatus.UnknownTool, $"there is no tool named '{name}'; the tools are: {names}", clock);
            }

            var handler = tool.Handler!;
            var arguments = ToolArguments.Parse(call.Function?.Arguments, handler.Parameters);
            if (arguments.Error != null)
            {
                return Refuse(invocation, ToolInvocationStatus.InvalidArguments, arguments.Error, clock);
            }

            invocation.Arguments = Hide(arguments.ToDictionary());
            var commandLine = Hide(_runner.CommandLine(handler, arguments.Values));
            invocation.CommandLine = commandLine;
            var result = _runner.Run(handler, arguments.Values, commandLine);
            invocation.Status = result.Status;
            switch (result.Status)
            {
                case ToolInvocationStatus.NotRun:
                    invocation.Output = "Not run: the user asked EdgeePS only to say what it would run (-WhatIf), so this call did not run. Answer without its result.";
                    break;
                case ToolInvocationStatus.Declined:
                    invocation.Output = "Not run: the user declined this call.";
                    break;
                default:
                    invocation.Output = Hide(_formatter.Format(result.Output, result.Errors));
                    invocation.Error = result.Errors.Count == 0 ? null : Hide(string.Join(" ", result.Errors));
                    break;
            }

            invocation.Duration = clock.Elapsed;
            return invocation;
        }

        /// <summary>One -Verbose line: which call, what ran, how it ended, how long it took and how much the model got.</summary>
        public static string Narration(ToolInvocation invocation)
        {
            var what = invocation.CommandLine is null ? invocation.Name : $"{invocation.Name}: {invocation.CommandLine}";
            var took = invocation.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            var outcome = invocation.Status switch
            {
                ToolInvocationStatus.Succeeded => $"succeeded in {took} ms",
                ToolInvocationStatus.NotRun => "not run (-WhatIf)",
                ToolInvocationStatus.Declined => "declined",
                ToolInvocationStatus.Failed => $"failed in {took} ms: {invocation.Error}",
                _ => $"refused: {invocation.Error}",
            };
            return $"Tool call {invocation.Id} (round {invocation.Round}) {what} {outcome}; {invocation.Output.Length} characters to the model.";
        }

        private ToolInvocation Refuse(ToolInvocation invocation, ToolInvocationStatus status, string reason, Stopwatch clock)
        {
            invocation.Status = status;
            invocation.Error = Hide(reason);
            invocation.Output = "Error: " + invocation.Error;
            invocation.Duration = clock.Elapsed;
            return invocation;
        }

        private string Hide(string text) => SecretMasker.Hide(text, _secret);

        // A copy: the values themselves are bound as the model sent them.
        private OrderedDictionary Hide(OrderedDictionary arguments)
        {
            var copy = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry pair in arguments)
            {
                copy[pair.Key] = Hide(pair.Value);
            }

            return copy;
        }

        private object? Hide(object? value)
        {
            switch (value)
            {
                case string text:
                    return Hide(text);
                case OrderedDictionary nested:
                    return Hide(nested);
                case object?[] items:
                    return items.Select(Hide).ToArray();
                default:
                    return value;
            }
        }
    }
}
