namespace EdgeePS.Tests.Hardening;

/// <summary>What goes wrong at the chosen byte offset of a fault-injection run.</summary>
internal enum InjectedFault
{
    /// <summary>The server closes the connection cleanly there.</summary>
    Close,

    /// <summary>The connection breaks there (a read throws).</summary>
    Drop,

    /// <summary>The server goes silent there for longer than the idle timeout.</summary>
    Stall,

    /// <summary>The server goes quiet there for less than the idle timeout, then carries on: not a fault at all.</summary>
    Pause,
}
