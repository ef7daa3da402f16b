using System.Management.Automation;

namespace EdgeePS.Tests.Help;

/// <summary>
/// A parameter as Get-Help describes it, in Get-Help's own words ("named", "True (ByValue)", "Int32", "none"), so help
/// and the real cmdlet compare field by field.
/// </summary>
public sealed record ParameterFacts(string Name, string Type, bool Required, string Position, string PipelineInput, bool Globbing, string Aliases)
{
    /// <summary>
    /// What Get-Help should say about <paramref name="parameter"/>, from the cmdlet's own metadata. Help states one
    /// set of facts per parameter, so a parameter whose facts differ between parameter sets cannot be documented:
    /// its facts then say so, and no help can match them.
    /// </summary>
    public static ParameterFacts Of(ParameterMetadata parameter)
    {
        var perSet = parameter.ParameterSets.Values
            .Select(set => (set.IsMandatory, Position: PositionOf(set), Pipeline: PipelineOf(set)))
            .Distinct()
            .ToList();
        var (required, position, pipeline) = perSet.Count == 1 ? perSet[0] : (false, "differs between parameter sets", "differs between parameter sets");

        return new ParameterFacts(
            parameter.Name,
            HelpTypeName(parameter.ParameterType),
            required,
            position,
            pipeline,
            parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
    }

    private static string PositionOf(ParameterSetMetadata set) => set.Position == int.MinValue ? "named" : set.Position.ToString();

    private static string PipelineOf(ParameterSetMetadata set)
    {
        var pipeline = new List<string>();
        if (set.ValueFromPipeline)
        {
            pipeline.Add("ByValue");
        }

        if (set.ValueFromPipelineByPropertyName)
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
