using System.Collections;
using System.Collections.Specialized;
using System.Text;
using System.Text.Json;
using EdgeePS.Requests;
using Xunit;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="ChatRequestBuilder.Build"/>: every input shape a caller may give becomes the gateway's JSON body,
/// and every invalid input is refused with its own error id before anything is sent.
/// </summary>
public sealed class ChatRequestBuilderTests
{
    private const string Model = "openai/gpt-test";

    private static readonly Func<object, object?> Identity = value => value;

    [Fact]
    public void A_prompt_string_becomes_one_user_message()
    {
        var request = ChatRequestBuilder.Build(Model, "What is Edgee?", stream: false, Identity);
        var body = Parse(request);

        Assert.Equal(Model, body.GetProperty("model").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("What is Edgee?", message.GetProperty("content").GetString());
        Assert.Equal(new[] { "model", "messages" }, Names(body));
        Assert.Equal(Model, request.Model);
        Assert.False(request.Stream);
        Assert.Equal(1, request.MessageCount);
    }

    [Fact]
    public void Stream_true_is_sent_only_when_streaming()
    {
        var streamed = ChatRequestBuilder.Build(Model, "hi", stream: true, Identity);
        var whole = ChatRequestBuilder.Build(Model, "hi", stream: false, Identity);

        Assert.True(Parse(streamed).GetProperty("stream").GetBoolean());
        Assert.True(streamed.Stream);
        Assert.False(Parse(whole).TryGetProperty("stream", out _));
    }

    [Fact]
    public void A_hashtable_input_is_sent_with_canonical_keys()
    {
        var input = new Hashtable
        {
            ["Messages"] = new object[]
            {
                new Hashtable { ["role"] = "system", ["content"] = "Be brief." },
                new Hashtable { ["role"] = "user", ["content"] = "Hi" },
            },
            ["MaxTokens"] = 100,
            ["Temperature"] = 0.5,
            ["tags"] = new[] { "team-a", "prod" },
        };

        var request = ChatRequestBuilder.Build(Model, input, stream: false, Identity);
        var body = Parse(request);

        Assert.Equal(2, body.GetProperty("messages").GetArrayLength());
        Assert.Equal("Be brief.", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(100, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(new[] { "team-a", "prod" }, body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(body.TryGetProperty("MaxTokens", out _));
        Assert.Equal(2, request.MessageCount);
    }

    [Fact]
    public void An_ordered_dictionary_keeps_its_key_order_in_the_json()
    {
        var input = new OrderedDictionary
        {
            { "zeta_custom", 1 },
            { "Temperature", 0.2 },
            { "messages", new ArrayList { new OrderedDictionary { { "content", "Hi" }, { "role", "user" } } } },
            { "alpha_custom", "a" },
            { "max_tokens", 10 },
        };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: true, Identity));

        Assert.Equal(new[] { "model", "zeta_custom", "temperature", "messages", "alpha_custom", "max_tokens", "stream", "stream_options" }, Names(body));
        Assert.Equal(new[] { "content", "role" }, Names(body.GetProperty("messages")[0]));
    }

    [Fact]
    public void A_generic_dictionary_input_is_accepted()
    {
        var input = new Dictionary<string, object>
        {
            ["messages"] = new List<Dictionary<string, object>> { new() { ["role"] = "user", ["content"] = "Hi" } },
            ["top_p"] = 0.9,
        };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        Assert.Equal("Hi", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("MaxTokens")]
    [InlineData("maxtokens")]
    [InlineData("MAX_TOKENS")]
    [InlineData("Max_Tokens")]
    [InlineData("_max__tokens_")]
    public void Keys_match_ignoring_case_and_underscores(string spelling)
    {
        var input = new Hashtable { ["MESSAGES"] = Messages(), [spelling] = 42 };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        Assert.Equal(new[] { "max_tokens", "messages", "model" }, Names(body).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(42, body.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void Every_known_request_key_is_canonicalised()
    {
        var input = new OrderedDictionary
        {
            { "Messages", Messages() },
            { "Tools", new object[] { Tool("lookup") } },
            { "ToolChoice", "auto" },
            { "Tags", "one" },
            { "CompressionModel", "agentic" },
            { "CompressionConfiguration", new Hashtable { ["Rate"] = 0.5, ["SemanticPreservationThreshold"] = 90 } },
            { "EnableCompression", true },
            { "CompressionRate", 0.75 },
            { "MaxTokens", 64 },
            { "Temperature", 1 },
            { "TopP", 1 },
            { "StreamOptions", new Hashtable { ["IncludeUsage"] = true } },
        };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: true, Identity));

        Assert.Equal(
            new[]
            {
                "model", "messages", "tools", "tool_choice", "tags", "compression_model", "compression_configuration",
                "enable_compression", "compression_rate", "max_tokens", "temperature", "top_p", "stream_options", "stream",
            },
            Names(body));
        Assert.Equal(0.5, body.GetProperty("compression_configuration").GetProperty("rate").GetDouble());
        Assert.Equal(90, body.GetProperty("compression_configuration").GetProperty("semantic_preservation_threshold").GetInt32());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void Message_keys_are_normalised()
    {
        var input = new Hashtable
        {
            ["messages"] = new object[]
            {
                new OrderedDictionary { { "Role", "user" }, { "Content", "Weather in Paris?" }, { "NAME", "alice" } },
                new OrderedDictionary
                {
                    { "ROLE", "assistant" },
                    { "Content", "" },
                    { "ToolCalls", new object[] { new Hashtable { ["id"] = "call_1", ["type"] = "function", ["function"] = new Hashtable { ["name"] = "get_weather", ["arguments"] = "{}" } } } },
                },
                new OrderedDictionary { { "role", "tool" }, { "Tool_Call_Id", "call_1" }, { "content", "18°C" } },
                new OrderedDictionary { { "role", "tool" }, { "ToolCallID", "call_2" }, { "content", "sunny" } },
            },
        };

        var messages = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity)).GetProperty("messages");

        Assert.Equal(new[] { "role", "content", "name" }, Names(messages[0]));
        Assert.Equal(new[] { "role", "content", "tool_calls" }, Names(messages[1]));
        Assert.Equal(new[] { "role", "tool_call_id", "content" }, Names(messages[2]));
        Assert.Equal("call_1", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("call_2", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("18°C", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public void Unknown_keys_pass_through_exactly_as_given()
    {
        var input = new OrderedDictionary
        {
            { "messages", new object[] { new OrderedDictionary { { "role", "user" }, { "content", "Hi" }, { "Cache_Control", new Hashtable { ["type"] = "ephemeral" } } } } },
            { "edgee_pending_id", "pend_1" },
            { "EnableDebug", true },
            { "Some-Future Key", new[] { 1, 2 } },
        };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        Assert.Equal(new[] { "model", "messages", "edgee_pending_id", "EnableDebug", "Some-Future Key" }, Names(body));
        Assert.Equal("pend_1", body.GetProperty("edgee_pending_id").GetString());
        Assert.True(body.GetProperty("EnableDebug").GetBoolean());
        Assert.Equal(new[] { 1, 2 }, body.GetProperty("Some-Future Key").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("ephemeral", body.GetProperty("messages")[0].GetProperty("Cache_Control").GetProperty("type").GetString());
    }

    [Fact]
    public void A_typed_chat_input_becomes_the_snake_case_body()
    {
        var input = new ChatInput
        {
            Messages =
            {
                new ChatMessage("system", "You are terse."),
                new ChatMessage("user", "Weather?"),
                new ChatMessage
                {
                    Role = "assistant",
                    ToolCalls = new List<ToolCall> { new() { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "get_weather", Arguments = "{\"city\":\"Paris\"}" } } },
                },
                new ChatMessage("tool", "18") { ToolCallId = "call_1", Name = "get_weather" },
            },
            Tools = new List<ToolDefinition>
            {
                new("get_weather", "Current weather", new Hashtable { ["type"] = "object", ["properties"] = new Hashtable { ["city"] = new Hashtable { ["type"] = "string" } } }),
            },
            ToolChoice = "required",
            Tags = new List<string> { "a", "b" },
            CompressionModel = "agentic",
            CompressionConfiguration = new CompressionConfiguration { Rate = 0.6, SemanticPreservationThreshold = 85 },
            EnableCompression = true,
            CompressionRate = 0.7,
            MaxTokens = 256,
            Temperature = 0.3,
            TopP = 0.95,
            StreamOptions = new StreamOptions { IncludeUsage = true },
            AdditionalProperties = { ["edgee_pending_id"] = "pend_9", ["enable_debug"] = true },
        };

        var request = ChatRequestBuilder.Build(Model, input, stream: true, Identity);
        var body = Parse(request);

        Assert.Equal(4, request.MessageCount);
        var messages = body.GetProperty("messages");
        Assert.Equal(new[] { "role", "content" }, Names(messages[0]));
        Assert.Equal("You are terse.", messages[0].GetProperty("content").GetString());
        Assert.False(messages[2].TryGetProperty("content", out _));
        var toolCall = messages[2].GetProperty("tool_calls")[0];
        Assert.Equal("call_1", toolCall.GetProperty("id").GetString());
        Assert.Equal("function", toolCall.GetProperty("type").GetString());
        Assert.Equal("get_weather", toolCall.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"city\":\"Paris\"}", toolCall.GetProperty("function").GetProperty("arguments").GetString());
        Assert.False(toolCall.TryGetProperty("index", out _));
        Assert.Equal("call_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("get_weather", messages[3].GetProperty("name").GetString());

        var tool = Assert.Single(body.GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Current weather", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("string", tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());

        Assert.Equal("required", body.GetProperty("tool_choice").GetString());
        Assert.Equal(new[] { "a", "b" }, body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("agentic", body.GetProperty("compression_model").GetString());
        Assert.Equal(0.6, body.GetProperty("compression_configuration").GetProperty("rate").GetDouble());
        Assert.Equal(85, body.GetProperty("compression_configuration").GetProperty("semantic_preservation_threshold").GetInt32());
        Assert.True(body.GetProperty("enable_compression").GetBoolean());
        Assert.Equal(0.7, body.GetProperty("compression_rate").GetDouble());
        Assert.Equal(256, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.95, body.GetProperty("top_p").GetDouble());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.True(body.GetProperty("stream").GetBoolean());

        // Additional properties sit at the top level, beside the modelled fields.
        Assert.Equal("pend_9", body.GetProperty("edgee_pending_id").GetString());
        Assert.True(body.GetProperty("enable_debug").GetBoolean());
        Assert.DoesNotContain(Names(body), name => name.Contains("additional", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_minimal_typed_chat_input_sends_no_null_fields()
    {
        var input = new ChatInput { Messages = { new ChatMessage("user", "Hi") } };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        Assert.Equal(new[] { "model", "messages" }, Names(body));
        Assert.Equal(new[] { "role", "content" }, Names(body.GetProperty("messages")[0]));
    }

    [Fact]
    public void Nested_anonymous_objects_and_pocos_become_json_objects_with_their_property_names()
    {
        var input = new Hashtable
        {
            ["messages"] = new object[] { new { Role = "user", Content = "Weather?" } },
            ["tools"] = new object[]
            {
                new
                {
                    type = "function",
                    function = new { name = "get_weather", parameters = new WeatherSchema() },
                },
            },
            ["metadata"] = new WeatherSchema(),
        };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        var message = body.GetProperty("messages")[0];
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Weather?", message.GetProperty("content").GetString());
        var parameters = body.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters");
        Assert.Equal("object", parameters.GetProperty("Type").GetString());
        Assert.Equal(new[] { "city" }, parameters.GetProperty("Required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, parameters.GetProperty("MaxCities").GetInt32());
        Assert.Equal("object", body.GetProperty("metadata").GetProperty("Type").GetString());
    }

    [Fact]
    public void Nested_keys_of_a_tool_definition_are_normalised()
    {
        var input = new Hashtable
        {
            ["messages"] = Messages(),
            ["tools"] = new object[]
            {
                new OrderedDictionary { { "Type", "function" }, { "Function", new OrderedDictionary { { "Name", "lookup" }, { "Description", "d" }, { "Parameters", new Hashtable { ["type"] = "object" } } } } },
                new Hashtable { ["function"] = new Hashtable { ["name"] = "no-type-given_2" } },
            },
        };

        var tools = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity)).GetProperty("tools");

        Assert.Equal(new[] { "type", "function" }, Names(tools[0]));
        Assert.Equal(new[] { "name", "description", "parameters" }, Names(tools[0].GetProperty("function")));
        Assert.Equal("function", tools[1].GetProperty("type").GetString());
        Assert.Equal("no-type-given_2", tools[1].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public void A_tool_choice_object_has_its_nested_function_keys_normalised()
    {
        var input = new Hashtable
        {
            ["messages"] = Messages(),
            ["tools"] = new object[] { Tool("get_weather") },
            ["ToolChoice"] = new Hashtable { ["Type"] = "function", ["Function"] = new Hashtable { ["Name"] = "get_weather" } },
        };

        var choice = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity)).GetProperty("tool_choice");

        Assert.Equal("function", choice.GetProperty("type").GetString());
        Assert.True(
            choice.GetProperty("function").TryGetProperty("name", out var name),
            $"tool_choice.function should carry 'name' (the gateway's key), got {choice.GetProperty("function").GetRawText()}");
        Assert.Equal("get_weather", name.GetString());
    }

    [Fact]
    public void Tool_calls_in_an_assistant_message_have_their_keys_normalised()
    {
        var input = new Hashtable
        {
            ["messages"] = new object[]
            {
                new Hashtable { ["role"] = "user", ["content"] = "Weather?" },
                new Hashtable
                {
                    ["role"] = "assistant",
                    ["tool_calls"] = new object[]
                    {
                        new Hashtable { ["Id"] = "call_1", ["Type"] = "function", ["Function"] = new Hashtable { ["Name"] = "get_weather", ["Arguments"] = "{}" } },
                    },
                },
                new Hashtable { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "18" },
            },
        };

        var toolCall = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity)).GetProperty("messages")[1].GetProperty("tool_calls")[0];

        Assert.True(toolCall.TryGetProperty("id", out _), $"the tool call should carry 'id', got {toolCall.GetRawText()}");
        Assert.True(toolCall.TryGetProperty("function", out var function), $"the tool call should carry 'function', got {toolCall.GetRawText()}");
        Assert.Equal("get_weather", function.GetProperty("name").GetString());
        Assert.Equal("{}", function.GetProperty("arguments").GetString());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("auto")]
    [InlineData("required")]
    public void Tool_choice_words_are_accepted(string word)
    {
        var input = new Hashtable { ["messages"] = Messages(), ["tool_choice"] = word };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        Assert.Equal(word, body.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public void Tags_given_as_one_string_become_an_array()
    {
        var input = new Hashtable { ["messages"] = Messages(), ["Tags"] = "billing" };

        var tags = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity)).GetProperty("tags");

        Assert.Equal(JsonValueKind.Array, tags.ValueKind);
        Assert.Equal(new[] { "billing" }, tags.EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void The_unwrap_function_is_applied_to_the_input_and_every_nested_value()
    {
        Func<object, object?> unwrap = value => value is Wrapper wrapper ? wrapper.Inner : value;
        var input = new Wrapper(new Hashtable
        {
            [new Wrapper("messages")] = new Wrapper(new object[] { new Wrapper(new Hashtable { ["role"] = new Wrapper("user"), ["content"] = new Wrapper("wrapped") }) }),
            ["max_tokens"] = new Wrapper(5),
        });

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, unwrap));
        var prompt = Parse(ChatRequestBuilder.Build(Model, new Wrapper("wrapped prompt"), stream: false, unwrap));

        Assert.Equal("wrapped", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(5, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("wrapped prompt", prompt.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public void Non_ascii_content_round_trips_as_utf8()
    {
        const string Text = "Grüße 😀 — 東京 €";
        var fromPrompt = ChatRequestBuilder.Build(Model, Text, stream: false, Identity);
        var fromTable = ChatRequestBuilder.Build(
            Model,
            new Hashtable { ["messages"] = new object[] { new Hashtable { ["role"] = "user", ["content"] = Text, ["name"] = "Zoë" } } },
            stream: false,
            Identity);

        foreach (var request in new[] { fromPrompt, fromTable })
        {
            Assert.False(request.Body.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "the body must not start with a BOM");
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            _ = strict.GetString(request.Body);
            Assert.Equal(Text, Parse(request).GetProperty("messages")[0].GetProperty("content").GetString());
        }

        Assert.Equal("Zoë", Parse(fromTable).GetProperty("messages")[0].GetProperty("name").GetString());
    }

    // ---- Errors ----

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void A_missing_model_is_refused(string model)
    {
        AssertRefused(EdgeeErrorIds.ModelMissing, () => ChatRequestBuilder.Build(model, "hi", stream: false, Identity));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void An_empty_prompt_is_refused(string prompt)
    {
        AssertRefused(EdgeeErrorIds.EmptyPrompt, prompt);
    }

    public static TheoryData<object?> UnsupportedInputs => new()
    {
        42,
        new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        null,
        3.14,
        true,
        new object(),
    };

    [Theory]
    [MemberData(nameof(UnsupportedInputs))]
    public void Inputs_that_cannot_be_a_prompt_are_refused(object? input)
    {
        AssertRefused(EdgeeErrorIds.InputTypeNotSupported, input);
    }

    public static TheoryData<string, object?> InputsWithoutMessages => new()
    {
        { "absent", new Hashtable { ["temperature"] = 0.5 } },
        { "empty hashtable", new Hashtable() },
        { "empty list", new Hashtable { ["messages"] = new object[0] } },
        { "empty generic list", new Dictionary<string, object> { ["messages"] = new List<object>() } },
        { "null", new Hashtable { ["messages"] = null } },
        { "typed, no messages", new ChatInput() },
    };

    [Theory]
    [MemberData(nameof(InputsWithoutMessages))]
    public void Input_without_messages_is_refused(string name, object? input)
    {
        Assert.NotNull(name);
        AssertRefused(EdgeeErrorIds.MessagesMissing, input);
    }

    [Theory]
    [InlineData("a string")]
    [InlineData(42)]
    public void A_message_that_is_not_an_object_is_refused(object message)
    {
        var input = new Hashtable { ["messages"] = new object[] { new Hashtable { ["role"] = "user", ["content"] = "ok" }, message } };

        AssertRefused(EdgeeErrorIds.InvalidMessage, input);
    }

    public static TheoryData<object?> RolesThatAreMissing => new() { null, "", "  ", 5 };

    [Theory]
    [MemberData(nameof(RolesThatAreMissing))]
    public void A_message_without_a_role_is_refused(object? role)
    {
        var message = new Hashtable { ["content"] = "Hi" };
        if (role != null)
        {
            message["role"] = role;
        }

        AssertRefused(EdgeeErrorIds.MessageRoleMissing, new Hashtable { ["messages"] = new object[] { message } });
    }

    [Fact]
    public void A_typed_message_without_a_role_is_refused()
    {
        AssertRefused(EdgeeErrorIds.MessageRoleMissing, new ChatInput { Messages = { new ChatMessage { Content = "no role" } } });
    }

    [Fact]
    public void A_tool_message_without_a_tool_call_id_is_refused()
    {
        var table = new Hashtable { ["messages"] = new object[] { new Hashtable { ["role"] = "tool", ["content"] = "18" } } };
        var typed = new ChatInput { Messages = { new ChatMessage("tool", "18") } };

        AssertRefused(EdgeeErrorIds.ToolCallIdMissing, table);
        AssertRefused(EdgeeErrorIds.ToolCallIdMissing, typed);
    }

    public static TheoryData<string, object?> InvalidTools => new()
    {
        { "name with a space", new object[] { Tool("get weather") } },
        { "name with a dot", new object[] { Tool("get.weather") } },
        { "name of 65 characters", new object[] { Tool(new string('a', 65)) } },
        { "empty name", new object[] { Tool("") } },
        { "no name", new object[] { new Hashtable { ["type"] = "function", ["function"] = new Hashtable { ["description"] = "x" } } } },
        { "name that is a number", new object[] { new Hashtable { ["function"] = new Hashtable { ["name"] = 7 } } } },
        { "no function", new object[] { new Hashtable { ["type"] = "function", ["name"] = "flat_name" } } },
        { "function that is a string", new object[] { new Hashtable { ["type"] = "function", ["function"] = "get_weather" } } },
        { "tool that is a string", new object[] { "get_weather" } },
        { "tools that are a string", "get_weather" },
        { "tools that are a number", 3 },
    };

    [Theory]
    [MemberData(nameof(InvalidTools))]
    public void Invalid_tool_definitions_are_refused(string name, object? tools)
    {
        Assert.NotNull(name);
        AssertRefused(EdgeeErrorIds.InvalidTool, new Hashtable { ["messages"] = Messages(), ["tools"] = tools });
    }

    [Fact]
    public void A_typed_tool_without_a_function_is_refused()
    {
        AssertRefused(EdgeeErrorIds.InvalidTool, new ChatInput { Messages = { new ChatMessage("user", "hi") }, Tools = new List<ToolDefinition> { new() } });
    }

    [Theory]
    [InlineData("a")]
    [InlineData("get_weather-v2")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")]
    public void Valid_tool_names_up_to_64_characters_are_accepted(string toolName)
    {
        Assert.InRange(toolName.Length, 1, 64);
        var input = new Hashtable { ["messages"] = Messages(), ["tools"] = new object[] { Tool(toolName) } };

        var body = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity));

        Assert.Equal(toolName, body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    public static TheoryData<string, object?> InvalidValues => new()
    {
        { "temperature", "0.5" },
        { "temperature", true },
        { "top_p", "high" },
        { "max_tokens", "100" },
        { "compression_rate", "0.5" },
        { "tags", 42 },
        { "tags", new object[] { "ok", 1 } },
        { "tags", new Hashtable { ["a"] = "b" } },
        { "tool_choice", "sometimes" },
        { "tool_choice", "AUTO " },
        { "tool_choice", 1 },
        { "enable_compression", "yes" },
        { "compression_model", 5 },
        { "compression_configuration", "high" },
        { "compression_configuration", new Hashtable { ["rate"] = "0.5" } },
        { "stream_options", true },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Values_of_the_wrong_type_are_refused(string key, object? value)
    {
        AssertRefused(EdgeeErrorIds.InvalidInputValue, new Hashtable { ["messages"] = Messages(), [key] = value });
    }

    public static TheoryData<string, object> OutOfRangeValues => new()
    {
        { "compression_rate", -0.1 },
        { "compression_rate", 1.01 },
        { "top_p", 2 },
        { "top_p", -0.01 },
        { "temperature", 2.5 },
        { "temperature", -1 },
        { "max_tokens", 0 },
        { "max_tokens", -5 },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeValues))]
    public void Values_out_of_range_are_refused(string key, object value)
    {
        AssertRefused(EdgeeErrorIds.ValueOutOfRange, new Hashtable { ["messages"] = Messages(), [key] = value });
    }

    [Theory]
    [InlineData("rate", 1.5)]
    [InlineData("rate", -0.5)]
    [InlineData("semantic_preservation_threshold", 101)]
    [InlineData("SemanticPreservationThreshold", -1)]
    public void Compression_configuration_out_of_range_is_refused(string key, double value)
    {
        var input = new Hashtable { ["messages"] = Messages(), ["compression_configuration"] = new Hashtable { [key] = value } };

        AssertRefused(EdgeeErrorIds.ValueOutOfRange, input);
    }

    [Fact]
    public void Typed_values_out_of_range_are_refused()
    {
        AssertRefused(
            EdgeeErrorIds.ValueOutOfRange,
            new ChatInput { Messages = { new ChatMessage("user", "hi") }, CompressionConfiguration = new CompressionConfiguration { Rate = 1.5 } });
        AssertRefused(
            EdgeeErrorIds.ValueOutOfRange,
            new ChatInput { Messages = { new ChatMessage("user", "hi") }, CompressionConfiguration = new CompressionConfiguration { SemanticPreservationThreshold = 101 } });
        AssertRefused(EdgeeErrorIds.ValueOutOfRange, new ChatInput { Messages = { new ChatMessage("user", "hi") }, MaxTokens = 0 });
    }

    public static TheoryData<string, object> BoundaryValues => new()
    {
        { "compression_rate", 0 },
        { "compression_rate", 1 },
        { "top_p", 0 },
        { "top_p", 1 },
        { "temperature", 0 },
        { "temperature", 2 },
        { "max_tokens", 1 },
        { "max_tokens", int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(BoundaryValues))]
    public void Boundary_values_are_accepted(string key, object value)
    {
        var body = Parse(ChatRequestBuilder.Build(Model, new Hashtable { ["messages"] = Messages(), [key] = value }, stream: false, Identity));

        Assert.Equal(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), body.GetProperty(key).GetDouble());
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 100)]
    [InlineData(0.0, 100)]
    [InlineData(1.0, 0)]
    public void Compression_configuration_boundaries_are_accepted(double rate, int threshold)
    {
        var input = new Hashtable
        {
            ["messages"] = Messages(),
            ["compression_configuration"] = new Hashtable { ["rate"] = rate, ["semantic_preservation_threshold"] = threshold },
        };

        var configuration = Parse(ChatRequestBuilder.Build(Model, input, stream: false, Identity)).GetProperty("compression_configuration");

        Assert.Equal(rate, configuration.GetProperty("rate").GetDouble());
        Assert.Equal(threshold, configuration.GetProperty("semantic_preservation_threshold").GetInt32());
    }

    [Theory]
    [InlineData("model")]
    [InlineData("Model")]
    [InlineData("stream")]
    [InlineData("STREAM")]
    public void Keys_owned_by_parameters_are_refused(string key)
    {
        AssertRefused(EdgeeErrorIds.ReservedInputKey, new Hashtable { ["messages"] = Messages(), [key] = key.Equals("model", StringComparison.OrdinalIgnoreCase) ? "other-model" : true });
    }

    [Fact]
    public void Keys_owned_by_parameters_are_refused_in_typed_additional_properties()
    {
        AssertRefused(EdgeeErrorIds.ReservedInputKey, new ChatInput { Messages = { new ChatMessage("user", "hi") }, AdditionalProperties = { ["model"] = "other" } });
        AssertRefused(EdgeeErrorIds.ReservedInputKey, new ChatInput { Messages = { new ChatMessage("user", "hi") }, AdditionalProperties = { ["Stream"] = false } });
    }

    [Fact]
    public void The_same_key_spelled_twice_is_refused()
    {
        var input = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["messages"] = Messages(),
            ["max_tokens"] = 10,
            ["MaxTokens"] = 20,
        };

        AssertRefused(EdgeeErrorIds.DuplicateInputKey, input);
    }

    [Theory]
    [InlineData("MaxTokens")]
    [InlineData("max_tokens")]
    public void A_typed_field_set_again_in_additional_properties_is_refused(string key)
    {
        // Two values for one key: sending either one silently would ignore what the caller wrote.
        var input = new ChatInput
        {
            Messages = { new ChatMessage("user", "hi") },
            MaxTokens = 100,
            AdditionalProperties = { [key] = 5 },
        };

        AssertRefused(EdgeeErrorIds.DuplicateInputKey, input);
    }

    [Fact]
    public void The_same_message_key_spelled_twice_is_refused()
    {
        var message = new Dictionary<string, object>(StringComparer.Ordinal) { ["role"] = "user", ["Role"] = "system", ["content"] = "hi" };

        AssertRefused(EdgeeErrorIds.DuplicateInputKey, new Hashtable { ["messages"] = new object[] { message } });
    }

    [Fact]
    public void Error_messages_name_the_offending_key()
    {
        var error = Assert.Throws<EdgeeException>(() => ChatRequestBuilder.Build(
            Model,
            new Hashtable { ["messages"] = Messages(), ["TopP"] = 3 },
            stream: false,
            Identity));

        Assert.Equal(EdgeeErrorIds.ValueOutOfRange, error.ErrorId);
        Assert.Contains("top_p", error.Message, StringComparison.Ordinal);
    }

    // ---- Helpers ----

    private static object[] Messages() => new object[] { new Hashtable { ["role"] = "user", ["content"] = "Hi" } };

    private static Hashtable Tool(string name) =>
        new() { ["type"] = "function", ["function"] = new Hashtable { ["name"] = name, ["parameters"] = new Hashtable { ["type"] = "object" } } };

    private static JsonElement Parse(ChatRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static void AssertRefused(string errorId, object? input) =>
        AssertRefused(errorId, () => ChatRequestBuilder.Build(Model, input, stream: false, Identity));

    private static void AssertRefused(string errorId, Func<ChatRequest> build)
    {
        ChatRequest? built = null;
        var error = Record.Exception(() => built = build());
        if (built != null)
        {
            Assert.Fail($"Expected {errorId}, but the request was built: {Encoding.UTF8.GetString(built.Body)}");
        }

        var edgee = Assert.IsType<EdgeeException>(error);
        Assert.Equal(errorId, edgee.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(edgee.Message));
    }

    private sealed class WeatherSchema
    {
        public string Type { get; } = "object";

        public string[] Required { get; } = { "city" };

        public int MaxCities { get; } = 3;
    }

    private sealed class Wrapper
    {
        public Wrapper(object inner)
        {
            Inner = inner;
        }

        public object Inner { get; }
    }
}
