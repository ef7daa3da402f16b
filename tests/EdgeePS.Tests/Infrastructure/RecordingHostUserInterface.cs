using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>Records what the engine shows a person, in order, so tests can see console output as a user would.</summary>
public sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly StringBuilder _screen = new();
    private readonly object _gate = new();

    /// <summary>Everything written to the console so far.</summary>
    public string Screen
    {
        get
        {
            lock (_gate)
            {
                return _screen.ToString();
            }
        }
    }

    public override PSHostRawUserInterface? RawUI => null;

    /// <summary>Whether the console claims to render ANSI escape sequences, as a modern terminal does.</summary>
    public bool VirtualTerminal { get; init; }

    public override bool SupportsVirtualTerminal => VirtualTerminal;

    public override void Write(string value) => Append(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

    public override void WriteLine(string value) => Append(value + "\n");

    public override void WriteErrorLine(string value) => Append(value + "\n");

    public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

    public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw new NotSupportedException("Tests never prompt.");

    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("Tests never prompt.");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("Tests never prompt.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("Tests never prompt.");

    public override PSCredential PromptForCredential(
        string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("Tests never prompt.");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new NotSupportedException("Tests never prompt.");

    private void Append(string value)
    {
        lock (_gate)
        {
            _screen.Append(value);
        }
    }
}
