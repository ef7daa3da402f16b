using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using EdgeePS.Structured;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="StructuredFormat"/>: the request's response_format for each kind of -JsonSchema, and the final answer read
/// back into Parsed, or the reason it cannot be (an invalid answer, a refusal).
/// </summary>
public sealed class StructuredFormatTests
{
    public enum Severity { Info, Critical }

    public sealed class Triage
    {
        public Severity Severity { get; set; }
        public string Service { get; set; } = string.Empty;
        public int? Retries { get; set; }
        public List<string> Steps { get; set; } = [];
    }

    // What the cmdlets pass for untyped answers: here, the JSON text of the value read, to see what was read.
    private static readonly Func<JsonElement, object?> AsText = element => "read:" + element.GetRawText();

    [Fact]
    public void A_type_is_asked_for_as_a_strict_schema_named_after_it()
    {
        var format = StructuredFormat.ForType(typeof(Triage));

        var wire = format.ResponseFormat!;
        Assert.Equal("json_schema", wire["type"]!.GetValue<string>());
        Assert.Equal(("Triage", true), (wire["json_schema"]!["name"]!.GetValue<string>(), wire["json_schema"]!["strict"]!.GetValue<bool>()));
        Assert.Equal(JsonSchemaGenerator.ForType(typeof(Triage)).ToJsonString(), wire["json_schema"]!["schema"]!.ToJsonString());
        Assert.Equal("[Triage]", format.Description);
    }

    [Fact]
    public void A_valid_answer_is_read_into_an_instance_of_the_type()
    {
        var response = Answer("""{"Severity":"Critical","Service":"nginx","Retries":null,"Steps":["restart","check"]}""");

        StructuredFormat.ForType(typeof(Triage)).Apply(response);

        var triage = Assert.IsType<Triage>(response.Parsed);
        Assert.Equal((Severity.Critical, "nginx", (int?)null), (triage.Severity, triage.Service, triage.Retries));
        Assert.Equal(["restart", "check"], triage.Steps);
        Assert.Null(response.StructuredError);
    }

    [Theory]
    [InlineData("""{"Severity":"Critical","Service":"nginx","Steps":[]}""", "Retries")]
    [InlineData("""{"Severity":"Critical","Service":"nginx","Retries":1,"Steps":[],"Extra":true}""", "Extra")]
    [InlineData("""{"Severity":1,"Service":"nginx","Retries":1,"Steps":[]}""", "Severity")]
    [InlineData("""{"Severity":"Urgent","Service":"nginx","Retries":1,"Steps":[]}""", "Severity")]
    [InlineData("""{"severity":"Critical","service":"nginx","retries":1,"steps":[]}""", "severity")]
    [InlineData("""{"Severity":"Critical","Service":42,"Retries":1,"Steps":[]}""", "Service")]
    [InlineData("""The service is nginx and it is critical.""", "invalid")]
    [InlineData("""null""", "null")]
    public void An_answer_that_breaks_the_schema_leaves_Parsed_empty_and_says_why(string content, string named)
    {
        var response = Answer(content);

        StructuredFormat.ForType(typeof(Triage)).Apply(response);

        Assert.Null(response.Parsed);
        var error = response.StructuredError!;
        Assert.Equal(EdgeeErrorIds.InvalidStructuredResponse, error.ErrorId);
        Assert.StartsWith("The answer is not valid JSON for [Triage]", error.Message);
        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(content, response.Text);
    }

    [Fact]
    public void An_answer_cut_at_the_token_limit_says_to_raise_MaxTokens()
    {
        var response = Answer("""{"Severity":"Crit""", finishReason: "length");

        StructuredFormat.ForType(typeof(Triage)).Apply(response);

        Assert.Contains("finish reason 'length'): raise -MaxTokens", response.StructuredError!.Message);
    }

    [Fact]
    public void A_refusal_is_a_ModelRefused_error_with_the_models_reason()
    {
        var response = Answer(null);
        response.Choices[0].Message!.Refusal = "I can't help with that.";

        StructuredFormat.ForType(typeof(Triage)).Apply(response);

        Assert.Null(response.Parsed);
        Assert.Equal("I can't help with that.", response.Refusal);
        Assert.Equal(EdgeeErrorIds.ModelRefused, response.StructuredError!.ErrorId);
        Assert.Equal("The model declined to answer as [Triage]: I can't help with that.", response.StructuredError.Message);
    }

    [Fact]
    public void An_answer_cut_short_or_handing_tool_calls_back_is_not_read()
    {
        var incomplete = Answer("""{"Severity":""");
        incomplete.IsComplete = false;
        var calls = Answer(null);
        calls.Choices[0].Message!.ToolCalls = [new ToolCall { Id = "call_1", Function = new FunctionCall { Name = "lookup", Arguments = "{}" } }];

        StructuredFormat.ForType(typeof(Triage)).Apply(incomplete);
        StructuredFormat.ForType(typeof(Triage)).Apply(calls);

        Assert.Equal((null, null), (incomplete.Parsed, incomplete.StructuredError));
        Assert.Equal((null, null), (calls.Parsed, calls.StructuredError));
    }

    [Fact]
    public void An_answer_without_text_is_invalid()
    {
        var response = Answer(null);

        StructuredFormat.ForJson(AsText).Apply(response);

        Assert.Contains("it has no text", response.StructuredError!.Message);
    }

    [Fact]
    public void A_schema_of_the_callers_is_sent_as_given_and_strict_only_when_ready_for_it()
    {
        var ready = new OrderedDictionary
        {
            ["type"] = "object",
            ["properties"] = new OrderedDictionary { ["ok"] = new Hashtable { ["type"] = "boolean" } },
            ["required"] = new[] { "ok" },
            ["additionalProperties"] = false,
        };
        var loose = new OrderedDictionary { ["type"] = "object", ["properties"] = new OrderedDictionary { ["ok"] = new Hashtable { ["type"] = "boolean" } } };

        var strict = StructuredFormat.ForSchema(ready, value => value, AsText);
        var notStrict = StructuredFormat.ForSchema(loose, value => value, AsText);

        Assert.Equal("""{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false},"strict":true}}""", strict.ResponseFormat!.ToJsonString());
        Assert.Null(strict.NotStrictBecause);
        Assert.False(notStrict.ResponseFormat!["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.Equal("$: additionalProperties is not $false", notStrict.NotStrictBecause);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"string"}},"additionalProperties":false}},"required":["a"],"additionalProperties":false}""", "$.properties.a: 'b' is not in required")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","items":{"type":"object","properties":{}}}},"required":["a"],"additionalProperties":false}""", "$.properties.a.items: additionalProperties is not $false")]
    [InlineData("""{"type":"object","properties":{"a":{"anyOf":[{"type":"null"},{"properties":{"x":{"type":"string"}},"required":["x"]}]}},"required":["a"],"additionalProperties":false}""", "$.properties.a.anyOf[1]: additionalProperties is not $false")]
    public void The_strict_check_looks_at_every_level(string schema, string problem)
    {
        Assert.Equal(problem, StructuredFormat.ForSchema(schema, value => value, AsText).NotStrictBecause);
    }

    [Fact]
    public void JSON_text_or_the_json_schema_object_around_a_schema_works_too()
    {
        var text = StructuredFormat.ForSchema("""{"title":"verdict","type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""", value => value, AsText);
        var wrapped = StructuredFormat.ForSchema(new Hashtable { ["name"] = "alert", ["description"] = "An alert", ["strict"] = false, ["schema"] = new Hashtable { ["type"] = "object" } }, value => value, AsText);

        Assert.Equal(("verdict", true), (text.ResponseFormat!["json_schema"]!["name"]!.GetValue<string>(), text.ResponseFormat["json_schema"]!["strict"]!.GetValue<bool>()));
        Assert.Equal("""{"type":"json_schema","json_schema":{"name":"alert","schema":{"type":"object"},"strict":false,"description":"An alert"}}""", wrapped.ResponseFormat!.ToJsonString());
        Assert.Equal("the JSON schema 'alert'", wrapped.Description);
    }

    [Theory]
    [InlineData("""{"type": "object", """, "is not JSON")]
    [InlineData("""["not", "an", "object"]""", "must be an object")]
    [InlineData("""{"name":"bad name!","schema":{"type":"object"}}""", "'bad name!' must be 1 to 64")]
    [InlineData("""{"schema":{"type":"object"}}""", "needs a 'name'")]
    public void A_schema_that_is_none_is_refused_before_any_request(string schema, string expected)
    {
        var error = Assert.Throws<EdgeeException>(() => StructuredFormat.ForSchema(schema, value => value, AsText));

        Assert.Equal(EdgeeErrorIds.InvalidJsonSchema, error.ErrorId);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Untyped_answers_go_to_the_callers_objects_and_must_be_objects_where_the_format_says_so()
    {
        var good = Answer("""{"a":[1,2]}""");
        var array = Answer("""[1,2]""");
        var anything = Answer("""[1,2]""");

        StructuredFormat.ForJson(AsText).Apply(good);
        StructuredFormat.ForJson(AsText).Apply(array);
        StructuredFormat.ForSchema("""{"type":"array","items":{"type":"integer"}}""", value => value, AsText).Apply(anything);

        Assert.Equal("""read:{"a":[1,2]}""", good.Parsed);
        Assert.Contains("It is a JSON array, not an object.", array.StructuredError!.Message);
        Assert.Equal("read:[1,2]", anything.Parsed);
    }

    [Theory]
    [InlineData("""{"type":"json_object"}""", "JSON")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}""", "the input's JSON schema")]
    [InlineData("""{"type":"text"}""", null)]
    [InlineData("""  "json_object" """, null)]
    public void The_inputs_own_response_format_is_read_when_it_asks_for_JSON(string responseFormat, string? description)
    {
        var format = StructuredFormat.FromRequest(System.Text.Json.Nodes.JsonNode.Parse(responseFormat), AsText);

        Assert.Equal(description, format?.Description);
        Assert.Null(format?.ResponseFormat);
    }

    private static CompletionResponse Answer(string? content, string finishReason = "stop") => new()
    {
        Choices = [new CompletionChoice { Index = 0, FinishReason = finishReason, Message = new ChatMessage("assistant", content) }],
    };
}
