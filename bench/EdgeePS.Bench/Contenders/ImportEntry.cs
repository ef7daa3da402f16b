namespace EdgeePS.Bench.Contenders;

/// <param name="ModulePath">What Import-Module is given; a function, because the paths are found at run time.</param>
public sealed record ImportEntry(string Name, string Description, Func<string> ModulePath);
