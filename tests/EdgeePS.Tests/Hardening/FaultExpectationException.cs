namespace EdgeePS.Tests.Hardening;

/// <summary>A fault-injection run ended differently from what its plan predicts; the message says how.</summary>
internal sealed class FaultExpectationException : Exception
{
    public FaultExpectationException(string message) : base(message)
    {
    }
}
