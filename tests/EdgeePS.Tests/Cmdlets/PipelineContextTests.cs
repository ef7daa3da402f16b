using static EdgeePS.Tests.Cmdlets.ChatScripts;
using System.Text.Json.Nodes;
using EdgeePS.Tests.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// The pipeline as context, against the module's simulator: with the model and the prompt on the command line, what
/// is piped in is collected and sent with the prompt in one request; otherwise each piped object binds as ever. Each
/// context case runs whole, streamed, and streamed through Send -Stream.
/// </summary>
public sealed class PipelineContextTests : SimulatorTestBase
{
    /// <summary>Three processes as Get-Process | Select-Object Name, Id, WS gives them, without depending on this machine's.</summary>
    private const string Processes = """
        $processes = @(
            [pscustomobject]@{ Name = 'nginx'; Id = 4242; WS = 734003200 }
            [pscustomobject]@{ Name = 'sshd'; Id = 811; WS = 8388608 }
            [pscustomobject]@{ Name = 'php-fpm'; Id = 977; WS = 52428800 }
        )

        """;

    public PipelineContextTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void LinesOfAFilePipedWithModelAndPromptAreOneRequestWithTheDocumentedShape(string mode)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeeps-app-{Guid.NewGuid():N}.log");
        File.WriteAllLines(path, ["03:12:01 nginx: worker exited with code 1", "03:12:02 nginx: restarting", "03:12:05 nginx: bind() to 0.0.0.0:80 failed"]);
        try
        {
            var lines = Lines($$"""
                $reply = Get-Content -LiteralPath '{{path}}' -Tail 200 | {{Answer(mode, "'Summarise this log'")}}
                $reply.Text
                Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
                """);

            var body = Assert.Single(lines[1..]);
            // One user message: the context marked off, a blank line, then the prompt.
            Assert.Equal(
                ["user: <context>\n03:12:01 nginx: worker exited with code 1\n03:12:02 nginx: restarting\n03:12:05 nginx: bind() to 0.0.0.0:80 failed\n</context>\n\nSummarise this log"],
                SentMessages(body));
            Assert.Equal("gpt-5.2", JsonNode.Parse(body)!["model"]!.GetValue<string>());
            Assert.StartsWith("You said: <context>", lines[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2")]
    [InlineData("Send-EdgeeCompletion gpt-5.2")]
    [InlineData("Send-EdgeeCompletion gpt-5.2 -Stream")]
    public void StringsPipedWithOnlyTheModelAreOneRequestEach(string command)
    {
        var lines = Lines($$"""
            $null = 'Explain DNS', 'Explain BGP' | {{command}}
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal([["user: Explain DNS"], ["user: Explain BGP"]], lines.Select(SentMessages));
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void ObjectsWithAnIdPipedWithModelAndPromptAreContextRenderedAsPowerShellShowsThem(string mode)
    {
        var lines = Lines(Processes + $$"""
            $null = $processes | {{Answer(mode, "'Which of these looks wrong?'")}}
            ($processes | Out-String -Width 160).Trim()
            '--'
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        var body = Assert.Single(lines[(lines.IndexOf("--") + 1)..]);
        // The piped Id is context, not a model: the model is already on the command line.
        Assert.Equal("gpt-5.2", JsonNode.Parse(body)!["model"]!.GetValue<string>());
        var table = string.Join("\n", lines[..lines.IndexOf("--")]).Replace("\r\n", "\n");
        var expected = string.Join("\n", table.Split('\n').Select(line => line.TrimEnd()));
        Assert.Equal(["user: <context>\n" + expected + "\n</context>\n\nWhich of these looks wrong?"], SentMessages(body));
        Assert.Contains("4242", expected);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void ContextFormatJsonWritesEachObjectAsALineOfJson(string mode)
    {
        var lines = Lines(Processes + $$"""
            $null = $processes | {{Answer(mode, "'Which of these looks wrong?' -ContextFormat Json")}}
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal(
            ["user: <context>\n" + """{"Name":"nginx","Id":4242,"WS":734003200}""" + "\n" + """{"Name":"sshd","Id":811,"WS":8388608}""" + "\n"
                + """{"Name":"php-fpm","Id":977,"WS":52428800}""" + "\n</context>\n\nWhich of these looks wrong?"],
            SentMessages(Assert.Single(lines)));
    }

    [Fact]
    public void StringsAndObjectsMixedKeepTheirOrder()
    {
        var lines = Lines("""
            $null = 'Before:', [pscustomobject]@{ Unit = 'nginx'; State = 'failed' }, 'After.' | Send-EdgeeCompletion gpt-5.2 'Explain' -ContextFormat Json
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal(["user: <context>\n\"Before:\"\n{\"Unit\":\"nginx\",\"State\":\"failed\"}\n\"After.\"\n</context>\n\nExplain"], SentMessages(Assert.Single(lines)));
    }

    [Fact]
    public void ThePromptCanBeNamedAndCanBeAHashtableWhoseLastUserMessageTakesTheContext()
    {
        var lines = Lines("""
            $null = 'line one', 'line two' | Send-EdgeeCompletion -Model gpt-5.2 -InputObject 'Summarise'
            $null = 'line one' | Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'system'; content = 'Be brief.' }, @{ role = 'user'; content = 'Summarise' }) }
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal(["user: <context>\nline one\nline two\n</context>\n\nSummarise"], SentMessages(lines[0]));
        Assert.Equal(["system: Be brief.", "user: <context>\nline one\n</context>\n\nSummarise"], SentMessages(lines[1]));
    }

    [Theory]
    [InlineData("Send-EdgeeCompletion")]
    [InlineData("Invoke-EdgeeStream")]
    public void AListGivenAsContextCountsItemByItem(string command)
    {
        var result = Run($$"""
            $null = {{command}} gpt-5.2 'Summarise' -Context @('line one', 'line two', 'line three') -Verbose
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """).EnsureSuccess();

        Assert.Equal(["user: <context>\nline one\nline two\nline three\n</context>\n\nSummarise"], SentMessages(Assert.Single(result.Output).ToString()));
        Assert.Contains(result.Verbose, record => record.Message.StartsWith("Context: 3 object(s), 28 characters as text", StringComparison.Ordinal));
    }

    [Fact]
    public void RowsOfACsvFileBindPromptAndModelByPropertyName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeeps-prompts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "Model,Prompt,Ticket\ngpt-5.2,Explain DNS,OPS-1\nmistral-large,Explain BGP,OPS-2\n");
        try
        {
            var lines = Lines($$"""
                Import-Csv -LiteralPath '{{path}}' | Send-EdgeeCompletion | ForEach-Object Text
                Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
                """);

            Assert.Equal(["You said: Explain DNS", "You said: Explain BGP"], lines[..2]);
            Assert.Equal(["gpt-5.2", "mistral-large"], lines[2..].Select(body => JsonNode.Parse(body)!["model"]!.GetValue<string>()));
            Assert.Equal([["user: Explain DNS"], ["user: Explain BGP"]], lines[2..].Select(SentMessages));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ModelsPipedFromGetEdgeeModelWithAnInputObjectAnswerInTurn()
    {
        var lines = Lines("""
            $models = @(Get-EdgeeModel gpt-*)
            $models.Id -join ','
            $null = $models | Invoke-EdgeeStream -InputObject 'hi'
            Get-EdgeeSimulatorRequest $simulator | Where-Object Path -Like '*chat*' | ForEach-Object Body
            """);

        Assert.Equal("gpt-5.2,gpt-5-mini", lines[0]);
        Assert.Equal(["gpt-5.2", "gpt-5-mini"], lines[1..].Select(body => JsonNode.Parse(body)!["model"]!.GetValue<string>()));
        Assert.All(lines[1..], body => Assert.Equal(["user: hi"], SentMessages(body)));
    }

    [Theory]
    [InlineData("1..30 | ForEach-Object { 'x' * 10 }", "")]
    [InlineData("$processes", "")]
    [InlineData("$processes", "-ContextFormat Json")]
    public void ContextOverTheLimitIsAnErrorBeforeAnyRequest(string input, string format)
    {
        foreach (var command in new[] { "Send-EdgeeCompletion gpt-5.2 'Summarise'", "Invoke-EdgeeStream gpt-5.2 'Summarise'" })
        {
            var result = Run(Processes + $$"""
                try { {{input}} | {{command}} {{format}} -MaximumContextLength 100 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
                @(Get-EdgeeSimulatorRequest $simulator).Count
                """);

            var lines = result.Output.Select(item => item.ToString()).ToList();
            Assert.True(lines.Count == 3, string.Join("\n", lines) + result.AllText());
            Assert.StartsWith("ContextTooLarge,", lines[0]);
            Assert.Contains("-MaximumContextLength", lines[1]);
            Assert.Contains("nothing was sent", lines[1]);
            Assert.Equal("0", lines[2]);
        }
    }

    [Fact]
    public void StringsOverTheLimitAreRefusedAsTheyArriveNotAfterTheWholeInputWasRead()
    {
        var lines = Run("""
            $read = 0
            try { 1..100000 | ForEach-Object { $read++; 'x' * 10 } | Send-EdgeeCompletion gpt-5.2 'Summarise' -MaximumContextLength 100 } catch { $_.FullyQualifiedErrorId }
            $read -lt 100
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """).Output.Select(item => item.ToString()).ToList();

        Assert.Equal(["ContextTooLarge,EdgeePS.Cmdlets.SendEdgeeCompletionCommand", "True", "0"], lines);
    }

    [Fact]
    public void ContextJustWithinTheLimitIsSentWhole()
    {
        // Ten lines of nine characters and the nine line breaks between them: 99 characters.
        var lines = Lines("""
            $null = 1..10 | ForEach-Object { 'x' * 9 } | Send-EdgeeCompletion gpt-5.2 'Summarise' -MaximumContextLength 99
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal(["user: <context>\n" + string.Join("\n", Enumerable.Repeat("xxxxxxxxx", 10)) + "\n</context>\n\nSummarise"], SentMessages(Assert.Single(lines)));
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void VerboseSaysHowManyObjectsAndCharactersOfContextWereSentMessages(string mode)
    {
        var result = Run($$"""
            $null = 'alpha', 'beta' | {{Answer(mode, "'Summarise' -Verbose")}}
            """).EnsureSuccess();

        // 'alpha', a line break, 'beta': 10 characters.
        Assert.Contains(result.Verbose, record => record.Message.StartsWith("Context: 2 object(s), 10 characters as text", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyPipelineSendsThePromptAlone()
    {
        var lines = Lines("""
            (@() | Send-EdgeeCompletion gpt-5.2 'Anything new?').Text
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal("You said: Anything new?", lines[0]);
        Assert.Equal(["user: Anything new?"], SentMessages(Assert.Single(lines[1..])));
    }

    [Fact]
    public void ContextGoesOnAChatWithTheTurn()
    {
        var lines = Lines("""
            $chat = New-EdgeeChat
            $null = 'disk 93% full' | Send-EdgeeCompletion gpt-5.2 'What is wrong?' -Chat $chat
            $null = Send-EdgeeCompletion gpt-5.2 'And the fix?' -Chat $chat
            $chat.Messages.Count
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal("4", lines[0]);
        var sent = SentMessages(lines[1]);
        Assert.Equal("user: <context>\ndisk 93% full\n</context>\n\nWhat is wrong?", sent[0]);
        Assert.Equal("user: And the fix?", sent[^1]);
    }
}
