using System.Collections;
using System.Text.Json;
using EdgeePS.Requests;
using Xunit;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="RequestAdditions"/>: fields a command takes as parameters (-SystemPrompt, -MaxTokens, ...) and the
/// session's default tags, merged into the body by <see cref="ChatRequestBuilder.Build"/>.
/// </summary>
public sealed class ChatRequestAdditionsTests
{
    private const string Model = "openai/gpt-test";

    private static readonly Func<object, object?> Identity = value => value;

    [Fact]
    public void Parameters_are_added_under_the_gateway_names()
    {
        var request = Build("Hi", new RequestAdditions { MaxTokens = 50, Temperature = 0.4, CompressionModel = "agentic", Tags = new[] { "a", "b" } });
        var body = Parse(request);

        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.4, body.GetProperty("temperature").GetDouble());
        Assert.Equal("agentic", body.GetProperty("compression_model").GetString());
        Assert.Equal(new[] { "a", "b" }, Strings(body.GetProperty("tags")));
    }

    [Fact]
    public void Parameters_left_unset_add_nothing()
    {
        var body = Parse(Build("Hi", new RequestAdditions()));

        Assert.Equal(new[] { "model", "messages" }, body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_system_prompt_becomes_the_first_message()
    {
        var input = new Hashtable
        {
            ["messages"] = new object[]
            {
                new Hashtable { ["role"] = "user", ["content"] = "Q1" },
                new Hashtable { ["role"] = "assistant", ["content"] = "A1" },
                new Hashtable { ["role"] = "user", ["content"] = "Q2" },
            },
        };

        var request = Build(input, new RequestAdditions { SystemPrompt = "Answer in French." });
        var messages = Parse(request).GetProperty("messages");

        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Answer in French.", messages[0].GetProperty("content").GetString());
        Assert.Equal(new[] { "Q1", "A1", "Q2" }, messages.EnumerateArray().Skip(1).Select(m => m.GetProperty("content").GetString()));
        Assert.Equal(4, request.MessageCount);
    }

    [Fact]
    public void A_system_prompt_and_a_system_message_conflict()
    {
        var input = new Hashtable
        {
            ["messages"] = new object[]
            {
                new Hashtable { ["role"] = "system", ["content"] = "Be brief." },
                new Hashtable { ["role"] = "user", ["content"] = "Hi" },
            },
        };

        AssertRefused(EdgeeErrorIds.ParameterConflictsWithInput, input, new RequestAdditions { SystemPrompt = "Be verbose." });
    }

    public static TheoryData<string, string, object> Conflicts => new()
    {
        { "max_tokens", "MaxTokens", 10 },
        { "temperature", "temperature", 0.1 },
        { "compression_model", "CompressionModel", "claude" },
        { "tags", "Tags", "from-input" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void A_parameter_and_the_same_field_in_the_input_conflict(string field, string inputKey, object inputValue)
    {
        var additions = field switch
        {
            "max_tokens" => new RequestAdditions { MaxTokens = 20 },
            "temperature" => new RequestAdditions { Temperature = 0.9 },
            "compression_model" => new RequestAdditions { CompressionModel = "agentic" },
            "tags" => new RequestAdditions { Tags = new[] { "from-parameter" } },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var input = new Hashtable { ["messages"] = Messages(), [inputKey] = inputValue };

        AssertRefused(EdgeeErrorIds.ParameterConflictsWithInput, input, additions);
    }

    [Fact]
    public void A_parameter_and_the_same_field_in_a_typed_input_conflict()
    {
        var input = new ChatInput { Messages = { new ChatMessage("user", "Hi") }, MaxTokens = 10 };

        AssertRefused(EdgeeErrorIds.ParameterConflictsWithInput, input, new RequestAdditions { MaxTokens = 20 });
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(null, 2.5)]
    [InlineData(null, -0.1)]
    public void Parameters_are_validated_like_input(int? maxTokens, double? temperature)
    {
        AssertRefused(EdgeeErrorIds.ValueOutOfRange, "Hi", new RequestAdditions { MaxTokens = maxTokens, Temperature = temperature });
    }

    [Fact]
    public void Default_tags_join_the_input_tags_without_repeating_any()
    {
        var input = new Hashtable { ["messages"] = Messages(), ["tags"] = new[] { "team-a", "shared" } };

        var body = Parse(Build(input, new RequestAdditions { DefaultTags = new[] { "shared", "session" } }));

        Assert.Equal(new[] { "team-a", "shared", "session" }, Strings(body.GetProperty("tags")));
    }

    [Fact]
    public void Default_tags_join_tag_parameters_and_a_single_string_tag()
    {
        var fromParameter = Parse(Build("Hi", new RequestAdditions { Tags = new[] { "cli" }, DefaultTags = new[] { "session" } }));
        var fromString = Parse(Build(
            new Hashtable { ["messages"] = Messages(), ["tags"] = "one" },
            new RequestAdditions { DefaultTags = new[] { "session" } }));

        Assert.Equal(new[] { "cli", "session" }, Strings(fromParameter.GetProperty("tags")));
        Assert.Equal(new[] { "one", "session" }, Strings(fromString.GetProperty("tags")));
    }

    [Fact]
    public void Default_tags_alone_become_the_tags()
    {
        var body = Parse(Build("Hi", new RequestAdditions { DefaultTags = new[] { "session", "nightly" } }));

        Assert.Equal(new[] { "session", "nightly" }, Strings(body.GetProperty("tags")));
    }

    [Fact]
    public void Default_tags_never_conflict_with_input_tags()
    {
        var input = new Hashtable { ["messages"] = Messages(), ["tags"] = new[] { "input" } };

        var error = Record.Exception(() => Build(input, new RequestAdditions { DefaultTags = new[] { "session" } }));

        Assert.Null(error);
    }

    private static object[] Messages() => new object[] { new Hashtable { ["role"] = "user", ["content"] = "Hi" } };

    private static ChatRequest Build(object input, RequestAdditions additions) =>
        ChatRequestBuilder.Build(Model, input, stream: false, Identity, additions);

    private static JsonElement Parse(ChatRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    private static void AssertRefused(string errorId, object input, RequestAdditions additions)
    {
        ChatRequest? built = null;
        var error = Record.Exception(() => built = Build(input, additions));
        if (built != null)
        {
            Assert.Fail($"Expected {errorId}, but the request was built: {System.Text.Encoding.UTF8.GetString(built.Body)}");
        }

        var edgee = Assert.IsType<EdgeeException>(error);
        Assert.Equal(errorId, edgee.ErrorId);
    }
}
