using System.Management.Automation;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>Everything one script run produced, on every stream.</summary>
public sealed class PowerShellResult
{
    internal PowerShellResult(PowerShell powerShell, IEnumerable<PSObject> output, ErrorRecord? terminatingError)
    {
        Output = output.ToList();
        Errors = powerShell.Streams.Error.ToList();
        Warning = powerShell.Streams.Warning.ToList();
        Verbose = powerShell.Streams.Verbose.ToList();
        Debug = powerShell.Streams.Debug.ToList();
        Information = powerShell.Streams.Information.ToList();
        HadErrors = powerShell.HadErrors;
        Stopped = powerShell.InvocationStateInfo.State == PSInvocationState.Stopped;
        TerminatingError = terminatingError;
    }

    public IReadOnlyList<PSObject> Output { get; }

    /// <summary>Non-terminating error records, in the order written.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    public IReadOnlyList<WarningRecord> Warning { get; }

    public IReadOnlyList<VerboseRecord> Verbose { get; }

    public IReadOnlyList<DebugRecord> Debug { get; }

    public IReadOnlyList<InformationRecord> Information { get; }

    public bool HadErrors { get; }

    /// <summary>True when the pipeline was stopped (as by Ctrl+C) rather than running to its end.</summary>
    public bool Stopped { get; }

    /// <summary>The error that ended the script, captured instead of thrown so tests can assert on it.</summary>
    public ErrorRecord? TerminatingError { get; }

    /// <summary>Throws with the full text of every stream unless the run was free of errors.</summary>
    public PowerShellResult EnsureSuccess()
    {
        if (HadErrors || TerminatingError is not null || Errors.Count > 0)
        {
            throw new InvalidOperationException("The script reported errors:" + Environment.NewLine + AllText());
        }
        return this;
    }

    /// <summary>
    /// Every stream, every error record (message, FullyQualifiedErrorId, target object, exception chain, details)
    /// and every output object with its property values, as one text: what a secrets test searches.
    /// </summary>
    public string AllText()
    {
        var renderer = new DiagnosticTextRenderer();
        for (var index = 0; index < Output.Count; index++)
        {
            renderer.Value($"Output[{index}]", Output[index]);
        }
        for (var index = 0; index < Errors.Count; index++)
        {
            renderer.ErrorRecord($"Error[{index}]", Errors[index]);
        }
        if (TerminatingError is not null)
        {
            renderer.ErrorRecord("TerminatingError", TerminatingError);
        }
        foreach (var record in Warning)
        {
            renderer.Line("Warning", record.Message);
        }
        foreach (var record in Verbose)
        {
            renderer.Line("Verbose", record.Message);
        }
        foreach (var record in Debug)
        {
            renderer.Line("Debug", record.Message);
        }
        foreach (var record in Information)
        {
            renderer.Line("Information", record.ToString());
            renderer.Value("Information.MessageData", record.MessageData);
        }
        return renderer.ToString();
    }
}
