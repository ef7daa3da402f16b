using System.Management.Automation;

namespace EdgeePS.Tests.Help;

/// <summary>
/// A parameter as Get-Help describes it, in Get-Help's own words ("named", "True (ByValue)", "Int32"), so help
/// and the real cmdlet compare field by field.
/// </summary>
public sealed record ParameterFacts(string Name, string Type, bool Required, string Position, string PipelineInput, bool Globbing)
{
    /// <summary>What Get-Help should say about <paramref name="parameter"/>, from the cmdlet's own metadata.</summary>
    public static ParameterFacts Of(ParameterMetadata parameter)
    {
        // Every EdgeePS cmdlet has one parameter set; help documents it as (All).
        var set = parameter.ParameterSets.Values.Single();
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
            set.IsMandatory,
            set.Position == int.MinValue ? "named" : set.Position.ToString(),
            pipeline.Count == 0 ? "False" : $"True ({string.Join(", ", pipeline)})",
            parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any());
    }

    // Help names types as platyPS does: Int32 for int?, String[] for string[].
    private static string HelpTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsArray ? HelpTypeName(type.GetElementType()!) + "[]" : type.Name;
    }
}
