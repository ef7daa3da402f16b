using System.Text.Json;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// How piped objects bind to the chat cmdlets: by property name (-Model from Model or Id, the prompt from Prompt), so
/// rows of a table drive a batch and Get-EdgeeModel's output picks the models; and by value, as before, for prompts,
/// dictionaries, objects with messages and EdgeePS.ChatInput. Most rows are [pscustomobject]s, the very objects
/// Import-Csv writes; one test reads a real CSV file with Import-Csv.
/// </summary>
public sealed class PipelineBindingTests : CmdletTestBase
{
    public PipelineBindingTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void RowsWithModelAndPromptColumnsAreOneWholeRequestEach()
    {
        var result = Run("""
            $rows = @(
                [pscustomobject]@{ Model = 'gpt-5.2'; Prompt = 'Explain DNS'; Ticket = 'OPS-1' }
                [pscustomobject]@{ Model = 'claude-sonnet-4.5'; Prompt = 'Explain BGP'; Ticket = 'OPS-2' }
            )
            $rows | Send-EdgeeCompletion | ForEach-Object { $_.GetType().Name }
            """).EnsureSuccess();

        Assert.Equal(new[] { "CompletionResponse", "CompletionResponse" }, result.Output.Select(item => item.ToString()));
        Assert.Equal(
            new[] { ("gpt-5.2", "Explain DNS"), ("claude-sonnet-4.5", "Explain BGP") },
            Gateway.Requests.Select(request => (Model(request), OnlyUserMessage(request))));
        // Other columns are not request fields: nothing of them is sent.
        Assert.All(Gateway.Requests, request => Assert.DoesNotContain("OPS-", request.Body));
    }

    [Fact]
    public void RowsOfACsvFileReadWithImportCsvAreOneRequestEach_AndTheOtherColumnsAreNotSent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeeps-prompts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, """
            Model,Prompt,Ticket
            gpt-5.2,"Explain DNS, briefly",OPS-1
            mistral-large,Explain BGP,OPS-2
            """);
        try
        {
            var result = Run($"Import-Csv -LiteralPath '{path}' | Send-EdgeeCompletion | ForEach-Object Text").EnsureSuccess();

            Assert.Equal(new[] { "You said: Explain DNS, briefly", "You said: Explain BGP" }, result.Output.Select(item => item.ToString()));
            Assert.Equal(
                new[] { ("gpt-5.2", "Explain DNS, briefly"), ("mistral-large", "Explain BGP") },
                Gateway.Requests.Select(request => (Model(request), OnlyUserMessage(request))));
            Assert.All(Gateway.Requests, request => Assert.DoesNotContain("OPS-", request.Body));
            Assert.All(Gateway.Requests, request => Assert.DoesNotContain("Ticket", request.Body));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RowsStreamToo_AndTheModelMayComeFromTheCommandLine()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("one")));
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("two")));

        var result = Run("""
            [pscustomobject]@{ Prompt = 'first' }, [pscustomobject]@{ Prompt = 'second' } | Invoke-EdgeeStream gpt-5-mini | ForEach-Object Text
            """).EnsureSuccess();

        Assert.Equal(new[] { "one", "two" }, result.Output.Select(item => item.ToString()));
        Assert.Equal(
            new[] { ("gpt-5-mini", "first"), ("gpt-5-mini", "second") },
            Gateway.Requests.Select(request => (Model(request), OnlyUserMessage(request))));
    }

    [Fact]
    public void ModelsFromGetEdgeeModelBindByTheirId()
    {
        var result = Run("Get-EdgeeModel gpt-* | Invoke-EdgeeStream -InputObject 'hi' | ForEach-Object Model").EnsureSuccess();

        var chats = Gateway.Requests.Where(request => request.Path == "/v1/chat/completions").ToList();
        Assert.Equal(new[] { "gpt-5.2", "gpt-5-mini" }, chats.Select(Model));
        Assert.All(chats, chat => Assert.Equal("hi", OnlyUserMessage(chat)));
        Assert.Equal(new[] { "gpt-5.2", "gpt-5-mini" }, result.Output.Select(item => item.ToString()).Distinct());
    }

    [Fact]
    public void AnIdPropertyIsTheModelToo()
    {
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("ok")));

        Run("[pscustomobject]@{ Id = 'mistral-large'; Prompt = 'hello' } | Send-EdgeeCompletion").EnsureSuccess();

        Assert.Equal(("mistral-large", "hello"), (Model(Gateway.Requests[0]), OnlyUserMessage(Gateway.Requests[0])));
    }

    [Fact]
    public void PromptsDictionariesObjectsWithMessagesAndChatInputStillBindByValue()
    {
        for (var index = 0; index < 5; index++)
        {
            Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("ok")));
        }

        Run("""
            $inputs = @(
                'a plain prompt'
                @{ messages = @(@{ role = 'user'; content = 'from a hashtable' }) }
                [ordered]@{ messages = @(@{ role = 'user'; content = 'from an ordered dictionary' }) }
                [pscustomobject]@{ messages = @(@{ role = 'user'; content = 'from an object' }) }
                [EdgeePS.ChatInput]@{ Messages = @([EdgeePS.ChatMessage]::new('user', 'from a ChatInput')) }
            )
            $inputs | Invoke-EdgeeStream gpt-5.2 | Out-Null
            """).EnsureSuccess();

        Assert.Equal(
            new[] { "a plain prompt", "from a hashtable", "from an ordered dictionary", "from an object", "from a ChatInput" },
            Gateway.Requests.Select(OnlyUserMessage));
        Assert.All(Gateway.Requests, request => Assert.Equal("gpt-5.2", Model(request)));
    }

    [Fact]
    public void ARowGivenOnTheCommandLineIsRefusedWithAdviceBeforeAnyRequest()
    {
        var result = Run("""
            try { Send-EdgeeCompletion gpt-5.2 -InputObject ([pscustomobject]@{ Prompt = 'hi' }) } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            """);

        Assert.Equal("ParameterArgumentTransformationError,EdgeePS.Cmdlets.SendEdgeeCompletionCommand", result.Output[0].ToString());
        Assert.Contains("-InputObject $row.Prompt", result.Output[1].ToString());
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public void ARowWithoutAModelIsOneErrorAndTheBatchGoesOn()
    {
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("second answered")));

        var result = Run("""
            [pscustomobject]@{ Prompt = 'no model here' }, [pscustomobject]@{ Model = 'gpt-5.2'; Prompt = 'with a model' } |
                Send-EdgeeCompletion -ErrorAction SilentlyContinue -ErrorVariable failed | ForEach-Object Text
            $failed.Count
            """);

        Assert.Equal(new[] { "second answered", "1" }, result.Output.Select(item => item.ToString()));
        Assert.Equal("with a model", OnlyUserMessage(Assert.Single(Gateway.Requests)));
    }

    private static string Model(RecordedRequest request) => request.Json!.Value.GetProperty("model").GetString()!;

    private static string OnlyUserMessage(RecordedRequest request) =>
        Assert.Single(request.Json!.Value.GetProperty("messages").EnumerateArray(), message => message.GetProperty("role").GetString() == "user")
            .GetProperty("content").GetString()!;
}
