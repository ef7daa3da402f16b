namespace EdgeePS.Bench.Shared;

public static class EngineNames
{
    public static string ToArgument(Engine engine) => EnumArgument.ToArgument(engine);

    public static Engine Parse(string argument) => EnumArgument.Parse<Engine>(argument, "engine");
}
