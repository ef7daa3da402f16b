using System.Management.Automation;

namespace EdgeePS.Tests.Help;

/// <summary>
/// A parameter as Get-Help describes it, in Get-Help's own words ("named", "True (ByValue)", "Int32", "none"), so help
/// and the real cmdlet compare field by field.
/// </summary>
public sealed record ParameterFacts(string Name, string Type, bool Required, string Position, string PipelineInput, bool Globbing, string Aliases)
{
    /// <summary>
    /// What Get-Help should say about <paramref name="parameter"/>, from the cmdlet's own metadata. Get-Help lists a
    /// parameter once: in several parameter sets, it is required only if every set requires it. Where its position or
    /// pipeline input differs between sets (<see cref="VariesBySet"/>), the help documents it per set, Get-Help's list
    /// shows the first, and each set's syntax line says the rest (<see cref="InSet"/>): here those two fields read
    /// <see cref="PerSet"/>.
    /// </summary>
    public static ParameterFacts Of(ParameterMetadata parameter)
    {
        var sets = parameter.ParameterSets.Values.ToList();
        var set = sets[0];
        var varies = VariesBySet(parameter);
        return new ParameterFacts(
            parameter.Name,
            HelpTypeName(parameter.ParameterType),
            sets.All(other => other.IsMandatory),
            varies ? PerSet : PositionText(set.Position),
            varies ? PerSet : PipelineText(set.ValueFromPipeline, set.ValueFromPipelineByPropertyName),
            parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
    }

    /// <summary>Stands for a position or pipeline input that each parameter set's syntax line states for itself.</summary>
    public const string PerSet = "(per parameter set)";

    /// <summary>True when the parameter's position or pipeline input is not the same in each of its parameter sets.</summary>
    public static bool VariesBySet(ParameterMetadata parameter)
    {
        var sets = parameter.ParameterSets.Values.ToList();
        return sets.Any(other => other.Position != sets[0].Position || other.ValueFromPipeline != sets[0].ValueFromPipeline || other.ValueFromPipelineByPropertyName != sets[0].ValueFromPipelineByPropertyName);
    }

    /// <summary>What one parameter set's syntax line says of a parameter, in Get-Help's words: "required position pipeline input".</summary>
    public static string InSet(bool mandatory, int position, bool byValue, bool byPropertyName) =>
        $"required={mandatory.ToString().ToLowerInvariant()} position={PositionText(position)} pipeline={PipelineText(byValue, byPropertyName)}";

    private static string PositionText(int position) => position == int.MinValue ? "named" : position.ToString();

    private static string PipelineText(bool byValue, bool byPropertyName)
    {
        var pipeline = new List<string>();
        if (byValue)
        {
            pipeline.Add("ByValue");
        }

        if (byPropertyName)
        {
            pipeline.Add("ByPropertyName");
        }

        return pipeline.Count == 0 ? "False" : $"True ({string.Join(", ", pipeline)})";
    }

    // Help names types as platyPS does: Int32 for int?, String[] for string[].
    private static string HelpTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsArray ? HelpTypeName(type.GetElementType()!) + "[]" : type.Name;
    }
}
