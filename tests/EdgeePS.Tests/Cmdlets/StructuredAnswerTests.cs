using static EdgeePS.Tests.Cmdlets.ChatScripts;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeePS.Tests.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// -JsonSchema and -Json as a runbook uses them, against the module's own simulator: the response_format the request
/// carries (from Get-EdgeeSimulatorRequest), the answer read into Parsed, and what happens when it cannot be. Every
/// case runs whole (Send-EdgeeCompletion) and streamed (Invoke-EdgeeStream | Join-EdgeeStream).
/// </summary>
public sealed class StructuredAnswerTests : SimulatorTestBase
{
    /// <summary>An alert classified by the model: an enum, a list, a nested class, a list of classes and an optional value.</summary>
    private const string AlertClass = """
        enum Severity { Info; Warning; Critical }
        class Owner { [string] $Team; [string] $Pager }
        class Step { [int] $Order; [string] $Action }
        class Alert {
            [string] $Service
            [Severity] $Severity
            [string[]] $Tags
            [Owner] $Owner
            [Step[]] $Steps
            [Nullable[int]] $Retries
        }

        """;

    private const string AlertJson = """{"Service":"nginx","Severity":"Critical","Tags":["web","edge"],"Owner":{"Team":"sre","Pager":"sre-oncall"},"Steps":[{"Order":1,"Action":"restart nginx"},{"Order":2,"Action":"check the config"}],"Retries":null}""";

    public StructuredAnswerTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void APowerShellClassIsAskedForAsAStrictSchemaAndTheAnswerIsAnInstanceOfIt(string mode)
    {
        var lines = Lines(AlertClass + $$"""
            $simulator | Add-EdgeeSimulatorResponse -Text '{{AlertJson}}'
            $alert = ({{Answer(mode, "'Classify: nginx is down on edge-1'" + " " + "-JsonSchema ([Alert])")}}).Parsed
            $alert -is [Alert]
            $alert.Severity -is [Severity]
            "$($alert.Service) $($alert.Severity) $($alert.Tags -join ',') $($alert.Owner.Team) $($alert.Owner -is [Owner])"
            ($alert.Steps | ForEach-Object { "$($_.Order):$($_.Action)" }) -join '|'
            $null -eq $alert.Retries
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal(["True", "True", "nginx Critical web,edge sre True", "1:restart nginx|2:check the config", "True"], lines[..5]);
        var format = ResponseFormat(lines[5]);
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal(("Alert", true), (format["json_schema"]!["name"]!.GetValue<string>(), format["json_schema"]!["strict"]!.GetValue<bool>()));
        var schema = format["json_schema"]!["schema"]!;
        // Strict-ready: every property required, no other allowed, at every level; enums by name; the type's own names.
        Assert.Equal(["Service", "Severity", "Tags", "Owner", "Steps", "Retries"], Names(schema["required"]));
        Assert.Equal(Names(schema["required"]), ((JsonObject)schema["properties"]!).Select(pair => pair.Key));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("""{"type":"string","enum":["Info","Warning","Critical"]}""", schema["properties"]!["Severity"]!.ToJsonString());
        Assert.Equal("""{"type":"array","items":{"type":"string"}}""", schema["properties"]!["Tags"]!.ToJsonString());
        Assert.Equal(
            """{"type":"object","properties":{"Team":{"type":"string"},"Pager":{"type":"string"}},"required":["Team","Pager"],"additionalProperties":false}""",
            schema["properties"]!["Owner"]!.ToJsonString());
        Assert.Equal(
            """{"type":"array","items":{"type":"object","properties":{"Order":{"type":"integer"},"Action":{"type":"string"}},"required":["Order","Action"],"additionalProperties":false}}""",
            schema["properties"]!["Steps"]!.ToJsonString());
        Assert.Equal("""{"type":["integer","null"]}""", schema["properties"]!["Retries"]!.ToJsonString());
    }

    [Fact]
    public void ATypeCanBeNamedAsText()
    {
        var lines = Lines(AlertClass + $$"""
            $simulator | Add-EdgeeSimulatorResponse -Text '{{AlertJson}}'
            (Send-EdgeeCompletion gpt-5.2 'Classify' -JsonSchema Alert).Parsed -is [Alert]
            (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.response_format.json_schema.name
            """);

        Assert.Equal(["True", "Alert"], lines);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void ADotNetTypeWorksTheSameWay(string mode)
    {
        var lines = Lines($$"""
            if (-not ('EdgeePSTests.DiskVerdict' -as [type])) {
                Add-Type -TypeDefinition 'namespace EdgeePSTests { public enum Action { Ignore, Clean, Expand } public class DiskVerdict { public string Volume { get; set; } public double PercentFull { get; set; } public Action Action { get; set; } } }'
            }
            $simulator | Add-EdgeeSimulatorResponse -Text '{"Volume":"/var","PercentFull":93.5,"Action":"Expand"}'
            $verdict = ({{Answer(mode, "'Is /var full?'" + " " + "-JsonSchema ([EdgeePSTests.DiskVerdict])")}}).Parsed
            $verdict.GetType().FullName
            "$($verdict.Volume) $($verdict.PercentFull) $($verdict.Action)"
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal(["EdgeePSTests.DiskVerdict", "/var 93.5 Expand"], lines[..2]);
        var format = ResponseFormat(lines[2]);
        Assert.Equal(
            """{"type":"json_schema","json_schema":{"name":"DiskVerdict","schema":{"type":"object","properties":{"Volume":{"type":"string"},"PercentFull":{"type":"number"},"Action":{"type":"string","enum":["Ignore","Clean","Expand"]}},"required":["Volume","PercentFull","Action"],"additionalProperties":false},"strict":true}}""",
            format.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void AnOrderedSchemaIsSentAsGivenAndTheAnswerIsPSCustomObjects(string mode)
    {
        var lines = Lines($$"""
            $schema = [ordered]@{
                type = 'object'
                properties = [ordered]@{
                    healthy = @{ type = 'boolean' }
                    hosts = [ordered]@{ type = 'array'; items = [ordered]@{ type = 'object'; properties = @{ name = @{ type = 'string' } }; required = @('name'); additionalProperties = $false } }
                }
                required = @('healthy', 'hosts')
                additionalProperties = $false
            }
            $simulator | Add-EdgeeSimulatorResponse -Text '{"healthy":false,"hosts":[{"name":"edge-1"},{"name":"edge-2"}]}'
            $parsed = ({{Answer(mode, "'Are the hosts healthy?'" + " " + "-JsonSchema $schema")}}).Parsed
            $parsed -is [pscustomobject]
            $parsed.healthy
            ($parsed.hosts | ForEach-Object name) -join ','
            $parsed.hosts[0] -is [pscustomobject]
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal(["True", "False", "edge-1,edge-2", "True"], lines[..4]);
        Assert.Equal(
            """{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object","properties":{"healthy":{"type":"boolean"},"hosts":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}},"required":["healthy","hosts"],"additionalProperties":false},"strict":true}}""",
            ResponseFormat(lines[4]).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void AHashtableSchemaIsSentWithItsOwnKeysAndValues(string mode)
    {
        // A hashtable's keys come in no set order: what is sent is compared as a tree, not as text.
        var lines = Lines($$"""
            $schema = @{ type = 'object'; properties = @{ count = @{ type = 'integer' } }; required = @('count'); additionalProperties = $false }
            $simulator | Add-EdgeeSimulatorResponse -Text '{"count":3}'
            ({{Answer(mode, "'How many?'" + " " + "-JsonSchema $schema")}}).Parsed.count
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal("3", lines[0]);
        var schema = ResponseFormat(lines[1])["json_schema"]!["schema"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{"count":{"type":"integer"}},"required":["count"],"additionalProperties":false}"""), schema), schema.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void AJsonStringSchemaIsSentAsGivenWithItsTitleAsTheName_AndNotStrictWhenItIsNotReady(string mode)
    {
        const string Schema = """{"title":"ticket","type":"object","properties":{"id":{"type":"string"},"priority":{"type":"integer"}},"required":["id"]}""";
        var ask = Answer(mode, "'Open a ticket' -JsonSchema '" + Schema + "' -Verbose");
        var result = Run($$"""
            $simulator | Add-EdgeeSimulatorResponse -Text '{"id":"OPS-7","priority":2}'
            $parsed = ({{ask}}).Parsed
            "$($parsed.id) $($parsed.priority)"
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """).EnsureSuccess();

        Assert.Equal("OPS-7 2", result.Output[0].ToString());
        var format = ResponseFormat(result.Output[1].ToString());
        Assert.Equal(("ticket", false), (format["json_schema"]!["name"]!.GetValue<string>(), format["json_schema"]!["strict"]!.GetValue<bool>()));
        Assert.Equal(Schema, format["json_schema"]!["schema"]!.ToJsonString());
        // Why it is not strict is said, so the caller can make it so.
        Assert.Contains(result.Verbose, record => record.Message.Contains("without strict mode", StringComparison.Ordinal) && record.Message.Contains("additionalProperties", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void JsonAsksForAJsonObjectAndParsesItIntoPSCustomObjects(string mode)
    {
        var lines = Lines($$"""
            $answer = '{"unit":"nginx","restarts":[1,2,3],"owner":{"team":"sre"}' + '}'
            $simulator | Add-EdgeeSimulatorResponse -Text $answer
            $parsed = ({{Answer(mode, "'Describe nginx as JSON'" + " " + "-Json")}}).Parsed
            "$($parsed.unit) $($parsed.restarts -join ',') $($parsed.owner.team) $($parsed.owner -is [pscustomobject])"
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal("nginx 1,2,3 sre True", lines[0]);
        Assert.Equal("""{"type":"json_object"}""", ResponseFormat(lines[1]).ToJsonString());
    }

    [Fact]
    public void ChunksSavedEarlierAreJoinedIntoAParsedAnswerToo()
    {
        var lines = Lines(AlertClass + $$"""
            $simulator | Add-EdgeeSimulatorResponse -Text '{{AlertJson}}'
            $chunks = Invoke-EdgeeStream gpt-5.2 'Classify' -JsonSchema ([Alert])
            $chunks.Count -gt 1
            (Join-EdgeeStream $chunks).Parsed.Owner.Pager
            ($chunks | Join-EdgeeStream).Parsed -is [Alert]
            """);

        Assert.Equal(["True", "sre-oncall", "True"], lines);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void TextWithoutJsonOptionsHasNoParsedAndNoResponseFormat(string mode)
    {
        var lines = Lines($$"""
            $simulator | Add-EdgeeSimulatorResponse -Text '{"a":1}'
            $null -eq ({{Answer(mode, "'Hi'" + " " + string.Empty)}}).Parsed
            (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.PSObject.Properties.Name -contains 'response_format'
            """);

        Assert.Equal(["True", "False"], lines);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void AnAnswerThatIsNotJsonForTheTypeIsANonTerminatingErrorAndTheResponseKeepsItsText(string mode)
    {
        var result = Run(AlertClass + $$"""
            $simulator | Add-EdgeeSimulatorResponse -Text 'nginx is down, I think it is critical.'
            $simulator | Add-EdgeeSimulatorResponse -Text '{"Service":"nginx","Severity":"Urgent","Tags":[],"Owner":{"Team":"sre","Pager":"p"},"Steps":[],"Retries":1}'
            $replies = @(
                {{Answer(mode, "'Classify'" + " " + "-JsonSchema ([Alert])")}}
                {{Answer(mode, "'Classify again'" + " " + "-JsonSchema ([Alert])")}}
            )
            'still running'
            $replies.Count
            $replies | ForEach-Object { "$($_.Text)|$($null -eq $_.Parsed)|$($_.IsComplete)" }
            """);

        Assert.Null(result.TerminatingError);
        Assert.Equal(
            ["still running", "2", "nginx is down, I think it is critical.|True|True", """{"Service":"nginx","Severity":"Urgent","Tags":[],"Owner":{"Team":"sre","Pager":"p"},"Steps":[],"Retries":1}|True|True"""],
            result.Output.Select(item => item.ToString()));
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.StartsWith("InvalidStructuredResponse,", error.FullyQualifiedErrorId));
        Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category));
        Assert.All(result.Errors, error => Assert.IsType<CompletionResponse>(error.TargetObject));
        Assert.Contains("[Alert]", result.Errors[0].Exception.Message);
        Assert.Contains("Severity", result.Errors[1].Exception.Message);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void ARefusalIsTheRefusalPropertyAndAModelRefusedError(string mode)
    {
        var result = Run(AlertClass + $$"""
            $simulator | Add-EdgeeSimulatorResponse -Refusal "I can't classify that alert."
            $reply = {{Answer(mode, "'Classify'" + " " + "-JsonSchema ([Alert])")}}
            $reply.Refusal
            $null -eq $reply.Parsed
            """);

        Assert.Equal(["I can't classify that alert.", "True"], result.Output.Select(item => item.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ModelRefused,", error.FullyQualifiedErrorId);
        Assert.Contains("I can't classify that alert.", error.Exception.Message);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void WithToolsEveryRoundAsksForTheSchemaAndTheFinalAnswerIsParsed(string mode)
    {
        var lines = Lines(AlertClass + ServiceStatusTool + $$"""
            $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ id = 'call_1'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            $simulator | Add-EdgeeSimulatorResponse -Text '{{AlertJson}}'
            $reply = {{Answer(mode, "'Classify nginx'" + " " + "-JsonSchema ([Alert]) -Tool Get-ServiceStatus")}}
            "$($reply.Parsed -is [Alert]) $($reply.Parsed.Service) $($reply.ToolInvocations.Count)"
            (Get-EdgeeSimulatorRequest $simulator | ForEach-Object { $_.BodyObject.response_format.json_schema.name }) -join ','
            """);

        Assert.Equal(["True nginx 1", "Alert,Alert"], lines);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void OnAChatTheStructuredAnswerIsParsedAndItsTextGoesOnTheChat(string mode)
    {
        var lines = Lines(AlertClass + $$"""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text '{{AlertJson}}'
            $reply = {{Answer(mode, "'Classify nginx'" + " " + "-JsonSchema ([Alert]) -Chat $chat")}}
            $reply.Parsed -is [Alert]
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            """);

        Assert.Equal(["True", "user: Classify nginx", "assistant: " + AlertJson], lines);
    }

    [Theory]
    [InlineData("-JsonSchema 42", "InvalidJsonSchema")]
    [InlineData("-JsonSchema 'NoSuchTypeAnywhere'", "InvalidJsonSchema")]
    [InlineData("-JsonSchema '{\"type\": \"object\",'", "InvalidJsonSchema")]
    [InlineData("-JsonSchema '[1, 2]'", "InvalidJsonSchema")]
    [InlineData("-JsonSchema ([hashtable])", "InvalidJsonSchema")]
    [InlineData("-JsonSchema ([string[]])", "InvalidJsonSchema")]
    [InlineData("-JsonSchema ([object])", "InvalidJsonSchema")]
    [InlineData("-JsonSchema @{ name = 'has spaces'; schema = @{ type = 'object' } }", "InvalidJsonSchema")]
    [InlineData("-JsonSchema ([Tree])", "InvalidJsonSchema")]
    [InlineData("-JsonSchema ([Alert]) -Json", "ConflictingParameters")]
    public void BadJsonSchemaInputIsAClearErrorBeforeAnyRequest(string parameters, string errorId)
    {
        foreach (var mode in new[] { "Send", "Stream" })
        {
            var result = Run(AlertClass + $$"""
                class Tree { [string] $Name; [Tree[]] $Children }
                try { {{Answer(mode, "'Classify'" + " " + parameters)}} } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
                @(Get-EdgeeSimulatorRequest $simulator).Count
                """);

            var lines = result.Output.Select(item => item.ToString()).ToList();
            Assert.True(lines.Count == 3, string.Join("\n", lines) + result.AllText());
            Assert.StartsWith(errorId + ",", lines[0]);
            Assert.False(string.IsNullOrWhiteSpace(lines[1]));
            Assert.Equal("0", lines[2]);
        }
    }

    [Fact]
    public void TheInputsOwnResponseFormatIsSentAsGivenAndItsAnswerParsedToo()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text '{"ok":true}'
            $reply = Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'ok?' }); response_format = @{ type = 'json_object' } }
            $reply.Parsed.ok
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal("True", lines[0]);
        Assert.Equal("""{"type":"json_object"}""", ResponseFormat(lines[1]).ToJsonString());
    }

    [Fact]
    public void JsonSchemaBesideTheInputsOwnResponseFormatIsAConflictBeforeAnyRequest()
    {
        var lines = Run("""
            try { Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'ok?' }); response_format = @{ type = 'json_object' } } -Json -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """).Output.Select(item => item.ToString()).ToList();

        Assert.StartsWith("ParameterConflictsWithInput,", lines[0]);
        Assert.Equal("0", lines[1]);
    }

    private static JsonNode ResponseFormat(string body) => JsonNode.Parse(body)!["response_format"]!;

    private static IEnumerable<string> Names(JsonNode? array) => ((JsonArray)array!).Select(item => item!.GetValue<string>());
}
