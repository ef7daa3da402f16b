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

    /// <summary>Keys and lines typed at this console; none (no RawUI, nothing to read) unless a test gives them.</summary>
    public TypingKeyboard? Keyboard { get; init; }

    public override PSHostRawUserInterface? RawUI => Keyboard;

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

    /// <summary>The next line the keyboard types, echoed as a console echoes typing; null (the end of input) when it has none.</summary>
    public override string ReadLine()
    {
        var line = (Keyboard ?? throw new NotSupportedException("Tests never prompt.")).TypeLine();
        if (line != null)
        {
            Append(line + "\n");
        }

        return line!;
    }

    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("Tests never prompt.");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("Tests never prompt.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("Tests never prompt.");

    public override PSCredential PromptForCredential(
        string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("Tests never prompt.");

    /// <summary>
    /// The answers to give PromptForChoice (as -Confirm asks), by label without its '&amp;' ("Yes", "No to All"), in
    /// order. A prompt with none left fails the test.
    /// </summary>
    public Queue<string> ChoiceAnswers { get; } = new();

    /// <summary>Every PromptForChoice so far: its caption and message.</summary>
    public List<(string Caption, string Message)> ChoicePrompts { get; } = [];

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        lock (_gate)
        {
            ChoicePrompts.Add((caption, message));
            if (!ChoiceAnswers.TryDequeue(out var answer))
            {
                throw new NotSupportedException($"The test scripted no answer for the prompt '{caption}: {message}'.");
            }

            var index = choices.ToList().FindIndex(choice => choice.Label.Replace("&", string.Empty) == answer);
            return index >= 0 ? index : throw new InvalidOperationException($"No choice '{answer}' among {string.Join(", ", choices.Select(choice => choice.Label))}.");
        }
    }

    private void Append(string value)
    {
        lock (_gate)
        {
            _screen.Append(value);
        }
    }
}
