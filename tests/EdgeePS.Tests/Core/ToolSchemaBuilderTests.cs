using EdgeePS.Serialization;
using EdgeePS.Tools;

namespace EdgeePS.Tests.Core;

/// <summary><see cref="ToolSchema"/>: the JSON Schema a list of neutral parameters stands for, exactly.</summary>
public sealed class ToolSchemaBuilderTests
{
    private static string Json(IEnumerable<ToolParameter> parameters) => JsonTreeBuilder.ToNode(ToolSchema.Build(parameters), value => value)!.ToJsonString();

    [Fact]
    public void Each_parameter_is_a_property_in_order_with_its_constraints_and_the_required_ones_are_listed()
    {
        var json = Json(
        [
            new ToolParameter("Unit", ToolValueType.String) { Required = true, Description = "The unit.", EnumValues = ["nginx", "sshd"] },
            new ToolParameter("Lines", ToolValueType.Integer) { Minimum = 1, Maximum = 500.5 },
            new ToolParameter("Ports", ToolValueType.Array) { ItemType = ToolValueType.Integer, Minimum = 0, Description = "Ports." },
            new ToolParameter("Since", ToolValueType.String) { Format = "date-time", Required = true },
            new ToolParameter("Filter", ToolValueType.Object),
        ]);

        Assert.Equal(
            """{"type":"object","properties":{"Unit":{"type":"string","description":"The unit.","enum":["nginx","sshd"]},"Lines":{"type":"integer","minimum":1,"maximum":500.5},"Ports":{"type":"array","description":"Ports.","items":{"type":"integer","minimum":0}},"Since":{"type":"string","format":"date-time"},"Filter":{"type":"object"}},"required":["Unit","Since"],"additionalProperties":false}""",
            json);
    }

    [Fact]
    public void A_tool_without_parameters_takes_an_empty_object_and_requires_nothing()
    {
        Assert.Equal("""{"type":"object","properties":{},"additionalProperties":false}""", Json([]));
    }

    [Fact]
    public void An_array_without_an_item_type_is_an_array_of_strings()
    {
        Assert.Equal(
            """{"type":"object","properties":{"Names":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}""",
            Json([new ToolParameter("Names", ToolValueType.Array)]));
    }
}
