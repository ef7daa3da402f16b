namespace EdgeePS.Bench.Shared;

/// <summary>An enum value as a command-line word (its name in lower case), and back.</summary>
public static class EnumArgument
{
    public static string ToArgument<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <param name="what">What the word names, for the error message: "workload", "engine".</param>
    public static T Parse<T>(string argument, string what)
        where T : struct, Enum =>
        Enum.TryParse<T>(argument, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new ArgumentException($"Unknown {what} '{argument}'; expected one of: {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}.");
}
