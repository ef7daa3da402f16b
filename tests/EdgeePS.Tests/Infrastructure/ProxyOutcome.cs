namespace EdgeePS.Tests.Infrastructure;

/// <summary>What the <see cref="ForwardProxy"/> did with a request.</summary>
public enum ProxyOutcome
{
    /// <summary>Passed on to its loopback target, and the answer passed back.</summary>
    Relayed,

    /// <summary>Answered 407 because the proxy wants credentials the request did not carry.</summary>
    Challenged,

    /// <summary>Answered with an error and never passed on: a tunnel (CONNECT) or a target off this machine.</summary>
    Refused,
}
