namespace EdgeePS
{
    /// <summary>How one tool call the model asked for ended.</summary>
    public enum ToolInvocationStatus
    {
        /// <summary>The command ran and wrote no error.</summary>
        Succeeded,

        /// <summary>The command ran but threw, or wrote errors; the model was told the error.</summary>
        Failed,

        /// <summary>The model named a tool that was not given; nothing ran.</summary>
        UnknownTool,

        /// <summary>The arguments were not a JSON object of the tool's parameters; the command did not run.</summary>
        InvalidArguments,

        /// <summary>-WhatIf: the call was only described, and the model was told it did not run.</summary>
        NotRun,

        /// <summary>-Confirm: the user answered No; the model was told the call was declined.</summary>
        Declined,
    }
}
