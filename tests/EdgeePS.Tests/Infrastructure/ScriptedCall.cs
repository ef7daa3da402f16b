namespace EdgeePS.Tests.Infrastructure;

/// <summary>A tool call a scripted answer makes: its id, the function it names and the arguments' JSON text.</summary>
public sealed record ScriptedCall(string Id, string Name, string Arguments);
