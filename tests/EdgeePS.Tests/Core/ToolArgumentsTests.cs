using EdgeePS.Tools;

namespace EdgeePS.Tests.Core;

/// <summary><see cref="ToolArguments"/>: the model's JSON read into plain values, or refused with a reason, before anything runs.</summary>
public sealed class ToolArgumentsTests
{
    private static readonly ToolParameter[] Parameters =
    [
        new("Unit", ToolValueType.String) { Required = true },
        new("Lines", ToolValueType.Integer),
        new("Filter", ToolValueType.Object),
        new("Tags", ToolValueType.Array),
    ];

    [Fact]
    public void Values_become_plain_values_under_the_parameters_own_names_in_the_models_order()
    {
        var arguments = ToolArguments.Parse("""{"lines":5,"unit":"nginx","filter":{"Level":"error","Max":2.5,"Nested":{"a":null}},"TAGS":["a",1,true]}""", Parameters);

        Assert.Null(arguments.Error);
        Assert.Equal(["Lines", "Unit", "Filter", "Tags"], arguments.Values.Select(pair => pair.Key));
        Assert.Equal(5L, arguments.Values[0].Value);
        Assert.Equal("nginx", arguments.Values[1].Value);
        var filter = Assert.IsType<System.Collections.Specialized.OrderedDictionary>(arguments.Values[2].Value);
        Assert.Equal(("error", 2.5), (filter["level"], filter["MAX"]));
        Assert.Null(((System.Collections.Specialized.OrderedDictionary)filter["Nested"]!)["a"]);
        Assert.Equal(new object?[] { "a", 1L, true }, arguments.Values[3].Value);
        Assert.Equal("nginx", arguments.ToDictionary()["UNIT"]);
    }

    [Theory]
    [InlineData("12345678901234567890", typeof(System.Numerics.BigInteger))]
    [InlineData("-3", typeof(long))]
    [InlineData("1.0", typeof(double))]
    [InlineData("1e3", typeof(double))]
    public void Numbers_are_whole_when_they_are_written_whole_and_otherwise_double(string number, Type expected)
    {
        var arguments = ToolArguments.Parse($$"""{"Unit":"u","Lines":{{number}}}""", Parameters);

        Assert.IsType(expected, arguments.Values[1].Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_arguments_at_all_are_an_empty_object(string? json)
    {
        var arguments = ToolArguments.Parse(json, [new ToolParameter("Lines", ToolValueType.Integer)]);

        Assert.Null(arguments.Error);
        Assert.Empty(arguments.Values);
    }

    [Theory]
    [InlineData("{\"Unit\":", "the arguments are not valid JSON (")]
    [InlineData("[1]", "the arguments must be a JSON object of parameter names and values, not a list")]
    [InlineData("42", "the arguments must be a JSON object of parameter names and values, not a number")]
    [InlineData("null", "the arguments must be a JSON object of parameter names and values, not a null")]
    [InlineData("""{"Unit":"u","Verbose":true}""", "'Verbose' is not a parameter of this tool; its parameters are Unit, Lines, Filter, Tags")]
    [InlineData("""{"Unit":"u","unit":"v"}""", "'Unit' is given twice")]
    [InlineData("""{"Lines":1}""", "the required argument(s) 'Unit' are missing")]
    public void Arguments_that_cannot_be_bound_give_a_reason_and_no_values(string json, string reason)
    {
        var arguments = ToolArguments.Parse(json, Parameters);

        Assert.StartsWith(reason, arguments.Error);
        Assert.Empty(arguments.Values);
    }

    [Fact]
    public void A_tool_without_parameters_says_it_takes_none()
    {
        Assert.Equal("'x' is not a parameter of this tool; it takes none", ToolArguments.Parse("""{"x":1}""", []).Error);
    }
}
