using System.Globalization;
using System.Management.Automation.Host;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>A console host that records what it shows instead of drawing it.</summary>
public sealed class RecordingHost : PSHost
{
    public RecordingHost(bool supportsVirtualTerminal = false, TypingKeyboard? keyboard = null) =>
        Console = new RecordingHostUserInterface { VirtualTerminal = supportsVirtualTerminal, Keyboard = keyboard };

    public RecordingHostUserInterface Console { get; }

    public override string Name => "EdgeePS.Tests.RecordingHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => Console;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
