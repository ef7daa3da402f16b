using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EdgeePS.Structured;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="JsonSchemaGenerator"/>: the schema of a .NET type, strict-ready at every level, and a clear error for
/// each shape strict JSON cannot describe. (PowerShell classes, the usual source, are tested through the cmdlets.)
/// </summary>
public sealed class JsonSchemaGeneratorTests
{
    public enum Severity { Info, Warning, Critical }

    public sealed class Endpoint
    {
        public string Host { get; set; } = string.Empty;
        public int Port { get; set; }
    }

    public sealed class Alert
    {
        public string Summary { get; set; } = string.Empty;
        public Severity Severity { get; set; }
        public bool Paging { get; set; }
        public double Score { get; set; }
        public long Count { get; set; }
        public DateTime Since { get; set; }
        public Guid Ticket { get; set; }
        public string[] Tags { get; set; } = [];
        public List<Endpoint> Endpoints { get; set; } = [];
        public Endpoint Primary { get; set; } = new();
    }

    [Fact]
    public void Every_property_is_required_and_no_other_allowed_at_every_level_with_the_types_own_names()
    {
        var schema = JsonSchemaGenerator.ForType(typeof(Alert));

        var endpoint = """{"type":"object","properties":{"Host":{"type":"string"},"Port":{"type":"integer"}},"required":["Host","Port"],"additionalProperties":false}""";
        Assert.Equal(
            "{\"type\":\"object\",\"properties\":{" +
            "\"Summary\":{\"type\":\"string\"}," +
            "\"Severity\":{\"type\":\"string\",\"enum\":[\"Info\",\"Warning\",\"Critical\"]}," +
            "\"Paging\":{\"type\":\"boolean\"}," +
            "\"Score\":{\"type\":\"number\"}," +
            "\"Count\":{\"type\":\"integer\"}," +
            "\"Since\":{\"type\":\"string\",\"format\":\"date-time\"}," +
            "\"Ticket\":{\"type\":\"string\",\"format\":\"uuid\"}," +
            "\"Tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}," +
            "\"Endpoints\":{\"type\":\"array\",\"items\":" + endpoint + "}," +
            "\"Primary\":" + endpoint + "}," +
            "\"required\":[\"Summary\",\"Severity\",\"Paging\",\"Score\",\"Count\",\"Since\",\"Ticket\",\"Tags\",\"Endpoints\",\"Primary\"]," +
            "\"additionalProperties\":false}",
            schema.ToJsonString());
    }

    public sealed class Optional
    {
        public int? Retries { get; set; }
        public Severity? Level { get; set; }
        public Endpoint? Fallback { get; set; }
        public string? Note { get; set; }
        public string Name { get; set; } = string.Empty;
    }

    [Fact]
    public void Nullable_values_stay_required_and_take_null_as_well()
    {
        var properties = JsonSchemaGenerator.ForType(typeof(Optional))["properties"]!;

        Assert.Equal("""{"type":["integer","null"]}""", properties["Retries"]!.ToJsonString());
        Assert.Equal("""{"type":["string","null"],"enum":["Info","Warning","Critical",null]}""", properties["Level"]!.ToJsonString());
        Assert.Equal("null", properties["Fallback"]!["anyOf"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("object", properties["Fallback"]!["anyOf"]![0]!["type"]!.GetValue<string>());
        // C#'s string? is read from its annotation; a plain string is not nullable.
        Assert.Equal("""{"type":["string","null"]}""", properties["Note"]!.ToJsonString());
        Assert.Equal("""{"type":"string"}""", properties["Name"]!.ToJsonString());
        Assert.Equal(5, JsonSchemaGenerator.ForType(typeof(Optional))["required"]!.AsArray().Count);
    }

    public sealed class Shaped
    {
        public string Filled { get; set; } = string.Empty;
        public string ReadOnly => "computed";
        [JsonIgnore] public string Ignored { get; set; } = string.Empty;
        [JsonPropertyName("renamed_value")] public int Renamed { get; set; }
    }

    [Fact]
    public void Only_what_an_answer_can_fill_is_listed_by_the_name_it_has_in_JSON()
    {
        var schema = JsonSchemaGenerator.ForType(typeof(Shaped));

        Assert.Equal(new[] { "Filled", "renamed_value" }, schema["properties"]!.AsObject().Select(property => property.Key));
        Assert.Equal("""["Filled","renamed_value"]""", schema["required"]!.ToJsonString());
    }

    public sealed class WithDictionary { public Dictionary<string, string> Labels { get; set; } = []; }
    public sealed class WithObject { public object? Anything { get; set; } }
    public sealed class WithUntypedList { public System.Collections.ArrayList Items { get; set; } = []; }
    public sealed class SelfReferring { public string Name { get; set; } = string.Empty; public SelfReferring? Parent { get; set; } }
    public sealed class Outer { public Inner Inner { get; set; } = new(); }
    public sealed class Inner { public List<Outer> Back { get; set; } = []; }
    public sealed class Empty { public string Computed => "x"; }
    public sealed class NoDefaultConstructor(string name) { public string Name { get; set; } = name; }
    public sealed class HoldsNoDefaultConstructor { public NoDefaultConstructor Item { get; set; } = new("x"); }

    [Theory]
    [InlineData(typeof(WithDictionary), "WithDictionary.Labels is a [Dictionary`2], which is a dictionary")]
    [InlineData(typeof(WithObject), "WithObject.Anything is a [Object], which has no fixed shape")]
    [InlineData(typeof(WithUntypedList), "WithUntypedList.Items is a [ArrayList], which is a list without an item type")]
    [InlineData(typeof(SelfReferring), "SelfReferring.Parent holds a [SelfReferring] inside a [SelfReferring]")]
    [InlineData(typeof(Outer), "Outer.Inner.Back[] holds a [Outer] inside a [Outer]")]
    [InlineData(typeof(Empty), "Empty is a [Empty], which has no public property with a setter")]
    [InlineData(typeof(HoldsNoDefaultConstructor), "HoldsNoDefaultConstructor.Item is a [NoDefaultConstructor], which has no constructor without parameters")]
    [InlineData(typeof(string[]), "[String[]] cannot describe the answer: a list, where the answer is a JSON object")]
    [InlineData(typeof(Hashtable), "[Hashtable] cannot describe the answer: is a dictionary")]
    public void What_strict_JSON_cannot_describe_is_an_error_naming_where(Type type, string expected)
    {
        var error = Assert.Throws<EdgeeException>(() => JsonSchemaGenerator.ForType(type));

        Assert.Equal(EdgeeErrorIds.InvalidJsonSchema, error.ErrorId);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_type_used_twice_side_by_side_is_no_recursion()
    {
        var schema = JsonSchemaGenerator.ForType(typeof(Alert));

        Assert.Equal(schema["properties"]!["Primary"]!.ToJsonString(), schema["properties"]!["Endpoints"]!["items"]!.ToJsonString());
    }

    private sealed class Hashtable : System.Collections.Hashtable;
}
