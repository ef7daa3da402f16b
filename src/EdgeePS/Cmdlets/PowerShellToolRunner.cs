using System;
using System.Collections.Specialized;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EdgeePS.Tools;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Runs tool calls for a chat cmdlet, in the caller's session, on the pipeline thread: after -Confirm/-WhatIf
    /// (ShouldProcess) allow it, the command is invoked through a fixed script block that splats the arguments as
    /// named parameter values. Nothing the model wrote is ever parsed as script. Errors the command writes or throws
    /// become the call's errors; a stop (Ctrl+C) is never caught.
    /// </summary>
    internal sealed class PowerShellToolRunner : IToolRunner
    {
        // In a scope of its own, so nothing lands in the caller's; names no caller's variable would have, since the
        // tool can see them. 2>&1 keeps the errors the command writes, in order, apart from its own error stream; each
        // item is kept as it comes, so what was written before an error that stops the command (-ErrorAction Stop) stays.
        private const string InvokeWithArguments =
            "param($__EdgeePSTool, $__EdgeePSArguments, $__EdgeePSOutput) & $__EdgeePSTool @__EdgeePSArguments 2>&1 | ForEach-Object { $__EdgeePSOutput.Add($_) }";

        private readonly PSCmdlet _cmdlet;
        private readonly ScriptBlock _invoke = ScriptBlock.Create(InvokeWithArguments);

        public PowerShellToolRunner(PSCmdlet cmdlet) => _cmdlet = cmdlet;

        public string CommandLine(IToolHandler tool, IReadOnlyList<KeyValuePair<string, object?>> arguments)
        {
            var command = (CommandTool)tool;
            var prefix = command.Target is ScriptBlock ? "& " + command.Command : command.Command;
            return CommandLineFormatter.Format(prefix, arguments, command.Switches);
        }

        public ToolRunResult Run(IToolHandler tool, IReadOnlyList<KeyValuePair<string, object?>> arguments, string commandLine)
        {
            if (!_cmdlet.ShouldProcess(
                    $"Running {commandLine} for the model.",
                    $"The model asks to run {commandLine}. Run it?",
                    "Run a tool for the model",
                    out var reason))
            {
                return reason == ShouldProcessReason.WhatIf ? ToolRunResult.NotRun() : ToolRunResult.Declined();
            }

            // Ordered, so the binder takes (and refuses) the values in the model's order, the same way every time.
            var values = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in arguments)
            {
                values[pair.Key] = pair.Value;
            }

            var written = new List<object?>();
            var thrown = new List<string>();
            try
            {
                _cmdlet.InvokeCommand.InvokeScript(true, _invoke, null, ((CommandTool)tool).Target, values, written);
            }
            catch (RuntimeException error) when (!(error is PipelineStoppedException))
            {
                // Thrown, stopped by -ErrorAction Stop, or refused by the binder (a wrong type): the model hears why.
                thrown.Add(error.ErrorRecord?.ToString() ?? error.Message);
            }

            var errors = written.Select(item => (item as PSObject)?.BaseObject ?? item).OfType<ErrorRecord>().Select(error => error.ToString()).ToList();
            var output = written.Where(item => !(((item as PSObject)?.BaseObject ?? item) is ErrorRecord)).ToList();
            return ToolRunResult.Ran(output, errors.Concat(thrown).ToList());
        }
    }
}
