namespace EdgeePS.Bench.Contenders;

/// <param name="ModulePath">What Import-Module is given, from the folder of the module under test (or of the baseline), found at run time.</param>
/// <param name="LoadsEdgeePS">Whether it imports EdgeePS, and so runs again against a <c>--baseline</c> module.</param>
public sealed record ImportEntry(string Name, string Description, Func<string, string> ModulePath, bool LoadsEdgeePS = false);
