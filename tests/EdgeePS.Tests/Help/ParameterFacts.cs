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
    /// parameter once: in several parameter sets, it is required only if every set requires it, and its position
    /// and pipeline input are the same in each.
    /// </summary>
    public static ParameterFacts Of(ParameterMetadata parameter)
    {
        var sets = parameter.ParameterSets.Values.ToList();
        var set = sets[0];
        if (sets.Any(other => other.Position != set.Position || other.ValueFromPipeline != set.ValueFromPipeline || other.ValueFromPipelineByPropertyName != set.ValueFromPipelineByPropertyName))
        {
            throw new InvalidOperationException($"-{parameter.Name} differs between its parameter sets in more than whether it is mandatory; Get-Help cannot say so.");
        }

        var pipeline = new List<string>();
        if (set.ValueFromPipeline)
        {
            pipeline.Add("ByValue");
        }

        if (set.ValueFromPipelineByPropertyName)
        {
            pipeline.Add("ByPropertyName");
        }

        return new ParameterFacts(
            parameter.Name,
            HelpTypeName(parameter.ParameterType),
            sets.All(other => other.IsMandatory),
            set.Position == int.MinValue ? "named" : set.Position.ToString(),
            pipeline.Count == 0 ? "False" : $"True ({string.Join(", ", pipeline)})",
            parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
    }

    // Help names types as platyPS does: Int32 for int?, String[] for string[].
    private static string HelpTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsArray ? HelpTypeName(type.GetElementType()!) + "[]" : type.Name;
    }
}
