using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// Tools made from commands (New-EdgeeTool, -Tool): the schema the model is sent comes from the parameter metadata
/// and the help, and a command the model could not call correctly is refused before any request.
/// </summary>
public sealed class ToolSchemaTests : ToolTestBase
{
    private const string NewTool = "EdgeePS.Cmdlets.NewEdgeeToolCommand";

    private const string EveryKindOfParameter = """
        function Get-Everything {
            <#
            .SYNOPSIS
            Gets everything about a host,
            in one go.
            .PARAMETER ComputerName
            The host to ask.
            .PARAMETER Count
            How many entries.
            #>
            [CmdletBinding(DefaultParameterSetName = 'ByName')]
            param(
                [Parameter(Mandatory, ParameterSetName = 'ByName')] [string] $ComputerName,
                [Parameter(Mandatory, ParameterSetName = 'ById')] [int] $Id,
                [ValidateRange(1, 100)] [int] $Count,
                [long] $Bytes,
                [double] $Ratio,
                [decimal] $Price,
                [bool] $Enabled,
                [switch] $Force,
                [ValidateSet('Info', 'Warning', 'Error')] [string] $Level,
                [System.DayOfWeek] $Day,
                [string[]] $Tags,
                [ValidateSet('a', 'b')] [string[]] $Letters,
                [ValidateRange(0, 65535)] [int[]] $Ports,
                [hashtable] $Filter,
                [pscustomobject] $Options,
                [datetime] $Since,
                [guid] $RequestId,
                [uri] $Endpoint,
                [Parameter(HelpMessage = 'Anything at all.')] $Anything,
                [scriptblock] $Callback,
                [System.IO.FileInfo] $File,
                [Nullable[int]] $Maybe
            )
            "ran for $ComputerName"
        }

        """;

    public ToolSchemaTests(SessionFixture fixture) : base(fixture)
    {
    }

    /// <summary>The first tool of the first request, as the gateway received it.</summary>
    private JsonElement SentTool() => Gateway.Requests[0].Json!.Value.GetProperty("tools")[0];

    [Fact]
    public void AFunctionWithEachKindOfParameterIsOfferedWithThisExactSchema()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        var result = Run(EveryKindOfParameter + "$null = Send-EdgeeCompletion gpt-5.2 'x' -Tool Get-Everything -Verbose").EnsureSuccess();

        var tool = SentTool();
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("Get-Everything", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Gets everything about a host, in one go.", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal(
            """
            {"type":"object","properties":{
            "ComputerName":{"type":"string","description":"The host to ask."},
            "Count":{"type":"integer","description":"How many entries.","minimum":1,"maximum":100},
            "Bytes":{"type":"integer"},
            "Ratio":{"type":"number"},
            "Price":{"type":"number"},
            "Enabled":{"type":"boolean"},
            "Force":{"type":"boolean"},
            "Level":{"type":"string","enum":["Info","Warning","Error"]},
            "Day":{"type":"string","enum":["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"]},
            "Tags":{"type":"array","items":{"type":"string"}},
            "Letters":{"type":"array","items":{"type":"string","enum":["a","b"]}},
            "Ports":{"type":"array","items":{"type":"integer","minimum":0,"maximum":65535}},
            "Filter":{"type":"object"},
            "Options":{"type":"object"},
            "Since":{"type":"string","format":"date-time"},
            "RequestId":{"type":"string","format":"uuid"},
            "Endpoint":{"type":"string","format":"uri"},
            "Anything":{"type":"string","description":"Anything at all."},
            "Maybe":{"type":"integer"}
            },"required":["ComputerName"],"additionalProperties":false}
            """.ReplaceLineEndings(string.Empty),
            tool.GetProperty("function").GetProperty("parameters").GetRawText());
        Assert.Equal(
            ["Tool 'Get-Everything': -Callback is left out: a ScriptBlock cannot come from JSON.", "Tool 'Get-Everything': -File is left out: a FileInfo cannot come from JSON."],
            result.Verbose.Select(record => record.Message).Where(message => message.StartsWith("Tool '", StringComparison.Ordinal)));
    }

    [Fact]
    public void NewEdgeeToolTakesANameADescriptionSomeParametersAndAnotherParameterSet()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        var result = Run(EveryKindOfParameter + """
            $tool = New-EdgeeTool Get-Everything -Name everything_by_id -Description 'Everything, by id.' -ParameterSetName ById -Parameter Id, Count
            $tool.Command
            $tool.Function.Parameters | ConvertTo-Json -Compress -Depth 5
            $null = Send-EdgeeCompletion gpt-5.2 'x' -Tool $tool
            """).EnsureSuccess();

        Assert.Equal("Get-Everything", result.Output[0].ToString());
        Assert.Equal(
            """{"type":"object","properties":{"Id":{"type":"integer"},"Count":{"type":"integer","description":"How many entries.","minimum":1.0,"maximum":100.0}},"required":["Id"],"additionalProperties":false}""",
            result.Output[1].ToString());
        var function = SentTool().GetProperty("function");
        Assert.Equal(("everything_by_id", "Everything, by id."), (function.GetProperty("name").GetString(), function.GetProperty("description").GetString()));
        Assert.Equal(["Id", "Count"], function.GetProperty("parameters").GetProperty("properties").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void AScriptBlockToolTakesItsParametersFromItsParamBlockAndRuns()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "get_weather", """{"City":"Paris"}""")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("Sunny."));

        var result = Run("""
            $weather = New-EdgeeTool -Name get_weather -Description 'The weather in a city.' -ScriptBlock {
                param(
                    # The city's name.
                    [Parameter(Mandatory)] [string] $City,
                    [ValidateSet('C', 'F')] [string] $Unit = 'C'
                )
                "sunny, 21 $Unit in $City"
            }
            $reply = Send-EdgeeCompletion gpt-5.2 'Weather in Paris?' -Tool $weather
            $reply.ToolInvocations[0].Output
            $reply.ToolInvocations[0].CommandLine
            -not (Test-Path function:EdgeePSScriptBlockTool)
            """).EnsureSuccess();

        Assert.Equal("sunny, 21 C in Paris", result.Output[0].ToString());
        Assert.StartsWith("& { param( # The city's name.", result.Output[1].ToString());
        Assert.EndsWith("} -City 'Paris'", result.Output[1].ToString());
        Assert.Equal("True", result.Output[2].ToString());
        Assert.Equal(
            """{"type":"object","properties":{"City":{"type":"string"},"Unit":{"type":"string","enum":["C","F"]}},"required":["City"],"additionalProperties":false}""",
            SentTool().GetProperty("function").GetProperty("parameters").GetRawText());
    }

    [Fact]
    public void ACmdletsDescriptionsComeFromItsHelp()
    {
        var result = Run("""
            $tool = New-EdgeeTool Get-EdgeeModel -Parameter Name
            $tool.Function.Description
            $tool.Function.Parameters['properties']['Name']['description']
            $tool.Function.Parameters['properties']['Name']['type']
            """).EnsureSuccess();

        var help = Run("(Get-Help Get-EdgeeModel).Synopsis").EnsureSuccess();
        Assert.Equal(help.Output[0].ToString(), result.Output[0].ToString());
        Assert.False(string.IsNullOrWhiteSpace(result.Output[1].ToString()));
        Assert.Equal("array", result.Output[2].ToString());
    }

    [Fact]
    public void CommandsComeByNameByGetCommandByAliasAndFromThePipeline()
    {
        var result = Run(Functions + """
            Set-Alias -Name gss -Value Get-ServiceStatus
            (Get-Command Get-ServiceStatus, Get-RecentLog | New-EdgeeTool | ForEach-Object { $_.Function.Name }) -join ','
            (New-EdgeeTool gss).Function.Name
            (New-EdgeeTool (Get-Command Get-RecentLog)).Function.Description
            """).EnsureSuccess();

        Assert.Equal(["Get-ServiceStatus,Get-RecentLog", "Get-ServiceStatus", "The last lines of a unit's journal."], result.Output.Select(item => item.ToString()));
    }

    // Pester's Mock puts an alias of the mocked command's name in front of it, pointing at a function of its own
    // whose name is no tool name: the model must still see the command, and its calls must reach the mock.
    [Fact]
    public void AnAliasThatHidesACommandOfItsNameStandsInForItAsPestersMockMakesOne()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("It is stubbed."));

        // In a scope of its own, so the alias ends with the script and hides nothing from the other tests.
        var result = Run(Functions + """
            & {
                function PesterMock_script_Get-ServiceStatus_0e6bd3d5-cd47-4dc4-a4f3-1ac2c7dbc0f6 {
                    param([Parameter(Mandatory)] [string] $Unit)
                    $ran.Add("stand-in $Unit"); "stubbed $Unit"
                }
                Set-Alias -Name Get-ServiceStatus -Value PesterMock_script_Get-ServiceStatus_0e6bd3d5-cd47-4dc4-a4f3-1ac2c7dbc0f6
                (New-EdgeeTool (Get-Command Get-ServiceStatus)).Function.Name
                $reply = Send-EdgeeCompletion gpt-5.2 'Why?' -Tool Get-ServiceStatus
                $ran -join '|'
                $reply
            }
            """).EnsureSuccess();

        Assert.Equal(["Get-ServiceStatus", "stand-in nginx"], result.Output.Take(2).Select(item => item.ToString()));
        var invocation = Assert.Single(Response(result).ToolInvocations);
        Assert.Equal("Get-ServiceStatus -Unit 'nginx'", invocation.CommandLine);
        Assert.Equal("stubbed nginx", invocation.Output);
        var offered = Gateway.Requests[0].Json!.Value.GetProperty("tools")[0].GetProperty("function");
        Assert.Equal("Get-ServiceStatus", offered.GetProperty("name").GetString());
        Assert.Equal("Current status of a systemd unit.", offered.GetProperty("description").GetString());
        Assert.Equal("The unit's name, e.g. nginx.", offered.GetProperty("parameters").GetProperty("properties").GetProperty("Unit").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("New-EdgeeTool Get-Nowhere", "ToolNotFound", "There is no command 'Get-Nowhere'")]
    [InlineData("function Get.Thing { }; New-EdgeeTool Get.Thing", "InvalidToolName", "'Get.Thing' cannot be a tool's name (1 to 64 letters, digits, '_' or '-'): give one, e.g. New-EdgeeTool -Command 'Get.Thing' -Name")]
    [InlineData("New-EdgeeTool Get-ServiceStatus -Name 'get status'", "InvalidToolName", "'get status' cannot be a tool's name")]
    [InlineData("New-EdgeeTool -Name ('x' * 65) -Description d -ScriptBlock { }", "InvalidToolName", "cannot be a tool's name")]
    [InlineData("New-EdgeeTool Get-RecentLog -Parameter Lines", "ToolParameterNotSupported", "'Get-RecentLog' cannot run without its mandatory parameter -Unit: add it to -Parameter.")]
    [InlineData("New-EdgeeTool Get-RecentLog -Parameter Unit, Colour", "ToolParameterNotFound", "'Get-RecentLog' has no parameter 'Colour' in its parameter set '__AllParameterSets'; it has Unit, Lines.")]
    [InlineData("New-EdgeeTool Get-RecentLog -ParameterSetName Nope", "ToolParameterNotFound", "'Get-RecentLog' has no parameter set 'Nope'")]
    [InlineData("function Invoke-Code { param([Parameter(Mandatory)] [scriptblock] $Code) }; New-EdgeeTool Invoke-Code", "ToolParameterNotSupported", "The parameter -Code of 'Invoke-Code' is a ScriptBlock, which a model cannot give as JSON; wrap the command")]
    [InlineData("function Get-File { param([System.IO.FileInfo] $File, [string] $Name) }; New-EdgeeTool Get-File -Parameter File, Name", "ToolParameterNotSupported", "leave it out of -Parameter")]
    [InlineData("New-EdgeeTool sh", "InvalidTool", "'sh' is a program, which has no PowerShell parameters")]
    [InlineData("New-EdgeeTool 42", "InvalidTool", "-Command takes a command name or a CommandInfo (Get-Command); it got a System.Int32.")]
    public void ACommandThatCannotBeAToolIsRefusedWithAClearError(string script, string errorId, string message)
    {
        var result = Run(Functions + script);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},{NewTool}", error.FullyQualifiedErrorId);
        Assert.Contains(message, error.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("-Tool Get-Nowhere", "ToolNotFound")]
    [InlineData("-Tool { 'a script block' }", "InvalidTool")]
    [InlineData("-Tool 42", "InvalidTool")]
    [InlineData("-Tool @{ type = 'function'; function = @{ name = 'bad name' } }", "InvalidTool")]
    public void ABadToolEndsTheCommandBeforeAnyRequest(string tool, string errorId)
    {
        var result = Run(Functions + $"'a', 'b' | Send-EdgeeCompletion gpt-5.2 {tool}");

        var errors = result.TerminatingError is { } terminating ? [terminating] : result.Errors.ToArray();
        Assert.Equal($"{errorId},{Send}", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Empty(Gateway.Requests);
    }
}
