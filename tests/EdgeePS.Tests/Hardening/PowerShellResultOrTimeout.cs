using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>A finished run's result, or why there is none (it outlived its time limit).</summary>
internal sealed record PowerShellResultOrTimeout(PowerShellResult? Result, string? Timeout);
