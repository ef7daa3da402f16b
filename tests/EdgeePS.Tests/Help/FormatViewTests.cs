using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Xml.Linq;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Help;

/// <summary>
/// module/EdgeePS.Format.ps1xml loads cleanly, gives every type a user meets a default view, and those views show
/// what a person looks for first: rendered by Out-String, as the console would show them.
/// </summary>
public sealed class FormatViewTests : IClassFixture<ImportedModuleFixture>
{
    private static readonly string FormatFile = Path.Combine(ModulePaths.RepoRoot, "module", "EdgeePS.Format.ps1xml");

    private readonly ImportedModuleFixture _fixture;

    public FormatViewTests(ImportedModuleFixture fixture) => _fixture = fixture;

    [Fact]
    public void TheFormatFileLoadsWithoutErrors()
    {
        // The engine's own loader: it throws FormatTableLoadException listing every error in the file.
        var table = new FormatTable([FormatFile]);

        Assert.NotNull(table);
    }

    [Fact]
    public void EveryTypeACmdletOutputsOrThatHangsOffOneHasAView()
    {
        var viewed = XDocument.Load(FormatFile).Descendants("ViewSelectedBy").Elements("TypeName").Select(name => name.Value).ToHashSet();

        var missing = UserFacingTypes().Select(type => type.FullName!).Where(name => !viewed.Contains(name)).Order().ToList();

        Assert.True(missing.Count == 0, "No view for: " + string.Join(", ", missing));
        Assert.Contains("EdgeePS.ModelInfo", viewed);
        Assert.Contains("EdgeePS.EdgeeConfiguration", viewed);
    }

    [Fact]
    public void AChunkShowsItsTextAndFinishReason()
    {
        var screen = Render("""
            [EdgeePS.StreamChunk]@{
                Id      = 'chatcmpl-1'
                Choices = [System.Collections.Generic.List[EdgeePS.StreamChoice]]@(
                    [EdgeePS.StreamChoice]@{ Index = 0; Delta = [EdgeePS.ChatMessage]::new('assistant', 'Disk is 93% full'); FinishReason = 'stop' })
            }
            """);

        Assert.Matches(@"Role\s+FinishReason\s+Text", screen);
        Assert.Matches(@"assistant\s+stop\s+Disk is 93% full", screen);
    }

    [Fact]
    public void ACompletionShowsItsTextFinishReasonAndUsage()
    {
        var screen = Render("""
            [EdgeePS.CompletionResponse]@{
                Model    = 'gpt-5.2'
                Provider = 'openai'
                Choices  = [System.Collections.Generic.List[EdgeePS.CompletionChoice]]@(
                    [EdgeePS.CompletionChoice]@{ Index = 0; Message = [EdgeePS.ChatMessage]::new('assistant', 'Restart the pod.'); FinishReason = 'length' })
                Usage    = [EdgeePS.Usage]@{ PromptTokens = 12; CompletionTokens = 4; TotalTokens = 16 }
            }
            """);

        Assert.Matches(@"Text\s+: Restart the pod\.", screen);
        Assert.Matches(@"FinishReason\s+: length", screen);
        Assert.Matches(@"Usage\s+: 12 prompt \+ 4 completion = 16 tokens", screen);
        Assert.Matches(@"Provider\s+: openai", screen);
    }

    [Fact]
    public void AStructuredAnswerShowsWhatWasParsedNotJustItsTypeName()
    {
        var screen = Render("""
            class Alert { [string] $Service; [int] $Count }
            [EdgeePS.CompletionResponse]@{
                Model   = 'gpt-5.2'
                Choices = [System.Collections.Generic.List[EdgeePS.CompletionChoice]]@(
                    [EdgeePS.CompletionChoice]@{ Index = 0; Message = [EdgeePS.ChatMessage]::new('assistant', '{"Service":"nginx","Count":3}') })
                Parsed  = [Alert]@{ Service = 'nginx'; Count = 3 }
            }
            """);

        Assert.Matches(@"Parsed\s+: \{""Service"":""nginx"",""Count"":3\}", screen);
        Assert.DoesNotMatch(@"Refusal\s+:", screen);
    }

    [Fact]
    public void AChunkAndACompletionBackFromAnotherProcessShowThroughTheSameViews()
    {
        var chunk = Render(CopyAsFromJob + """
            Copy-AsFromJob ([EdgeePS.StreamChunk]@{
                Choices = [System.Collections.Generic.List[EdgeePS.StreamChoice]]@(
                    [EdgeePS.StreamChoice]@{ Index = 0; Delta = [EdgeePS.ChatMessage]::new('assistant', 'Disk is 93% full'); FinishReason = 'stop' })
            })
            """);
        var completion = Render(CopyAsFromJob + """
            Copy-AsFromJob ([EdgeePS.CompletionResponse]@{
                Model   = 'gpt-5.2'
                Choices = [System.Collections.Generic.List[EdgeePS.CompletionChoice]]@(
                    [EdgeePS.CompletionChoice]@{ Index = 0; Message = [EdgeePS.ChatMessage]::new('assistant', 'Restart the pod.'); FinishReason = 'length' })
                Usage   = [EdgeePS.Usage]@{ PromptTokens = 12; CompletionTokens = 4; TotalTokens = 16 }
            })
            """);

        Assert.Matches(@"Role\s+FinishReason\s+Text", chunk);
        Assert.Matches(@"assistant\s+stop\s+Disk is 93% full", chunk);
        Assert.Matches(@"Text\s+: Restart the pod\.", completion);
        Assert.Matches(@"Usage\s+: 12 prompt \+ 4 completion = 16 tokens", completion);
        // Without a view, every property would be listed.
        Assert.DoesNotContain("AdditionalProperties", chunk + completion);
    }

    // What Start-Job and remoting hand back: a property bag named Deserialized.<type>, nested objects as their text.
    // PowerShell 7.6 falls back to the view of <type> when none names Deserialized.<type>; the views name both anyway,
    // so hosts without that fallback show them too. What this shows is that they hold for property bags (no methods,
    // nested text).
    private const string CopyAsFromJob = """
        function Copy-AsFromJob($value) {
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($value, 1))
            if ($copy.PSObject.TypeNames[0] -ne "Deserialized.$($value.GetType().FullName)") { throw "Not a deserialized copy: $($copy.PSObject.TypeNames[0])" }
            $copy
        }

        """;

    [Fact]
    public void AToolCallShowsItsRoundStatusDurationCommandLineAndWhatTheModelWasTold()
    {
        var screen = Render("""
            [EdgeePS.ToolInvocation]@{
                Name = 'Get-ServiceStatus'; Round = 2; Status = 'Succeeded'; Duration = [timespan]::FromMilliseconds(42)
                CommandLine = "Get-ServiceStatus -Unit 'nginx'"; Output = "nginx.service: failed`nsince 03:12"
            }
            """);

        Assert.Matches(@"Name\s+: Get-ServiceStatus\n", screen);
        Assert.Matches(@"Round\s+: 2\n", screen);
        Assert.Matches(@"Status\s+: Succeeded\n", screen);
        Assert.Matches(@"CommandLine\s+: Get-ServiceStatus -Unit 'nginx'\n", screen);
        Assert.Matches(@"Duration\s+: 42 ms\n", screen);
        Assert.Matches(@"Output\s+: nginx\.service: failed\n\s+since 03:12", screen);
        Assert.DoesNotMatch(@"Error\s+:", screen);
    }

    [Fact]
    public void AToolShowsItsNameCommandParametersAndDescription()
    {
        var screen = Render("""
            function Get-RecentLog { <# .SYNOPSIS
            The end of a unit's journal. #> param([Parameter(Mandatory)] [string] $Unit, [int] $Lines) }
            New-EdgeeTool Get-RecentLog -Name recent_log
            [EdgeePS.ToolDefinition]::new('page_oncall', 'Pages the on-call engineer.')
            """);

        Assert.Matches(@"Name\s+Command\s+Parameters\s+Description", screen);
        Assert.Matches(@"recent_log\s+Get-RecentLog\s+Unit, Lines\s+The end of a unit's journal\.", screen);
        Assert.Matches(@"page_oncall\s+\(definition only\)\s+Pages the on-call engineer\.", screen);
    }

    [Fact]
    public void AModelShowsItsIdOwnerAndCreationDate()
    {
        var screen = Render("[EdgeePS.ModelInfo]@{ Id = 'gpt-5.2'; OwnedBy = 'openai'; Created = 1700000000 }");

        Assert.Matches(@"Id\s+OwnedBy\s+CreatedAt", screen);
        Assert.Matches(@"gpt-5\.2\s+openai\s+\S*2023", screen);
    }

    [Fact]
    public void TheConfigurationShowsWhereSettingsComeFromAndNeverTheKey()
    {
        const string key = "sk-edgee-format-view-4d2c";
        string screen;
        try
        {
            screen = Render($"Connect-Edgee -ApiKey '{key}' -BaseUrl 'http://127.0.0.1:9' -Tag nightly; Get-EdgeeConfiguration");
        }
        finally
        {
            _fixture.Session.Run("Disconnect-Edgee").EnsureSuccess();
        }

        Assert.Matches(@"BaseUrl\s+: http://127\.0\.0\.1:9", screen);
        Assert.Matches(@"BaseUrlSource\s+: Session", screen);
        Assert.Matches(@"ApiKeySource\s+: Session", screen);
        Assert.Matches(@"IdleTimeoutSec\s+: 120", screen);
        Assert.Matches(@"MaximumRetryCount\s+: 1", screen);
        Assert.Matches(@"Tags\s+: \{nightly\}", screen);
        Assert.DoesNotContain(key, screen);
    }

    [Fact]
    public void ASimulatorShowsItsAddressStateAndCounts()
    {
        var screen = Render("""
            $simulator = Start-EdgeeSimulator
            $simulator | Add-EdgeeSimulatorResponse -Text 'queued' -Count 2
            $null = Send-EdgeeCompletion gpt-5.2 'ping' -ApiKey 'k' -BaseUrl $simulator
            Stop-EdgeeSimulator $simulator
            $simulator
            """);

        Assert.Matches(@"BaseUrl\s+Running\s+Requests\s+QueuedResponses", screen);
        Assert.Matches(@"http://127\.0\.0\.1:\d+\s+False\s+1\s+1", screen);
    }

    [Fact]
    public void ASimulatorRequestShowsItsMethodPathAndBody()
    {
        var screen = Render("""
            $simulator = Start-EdgeeSimulator
            try {
                $null = Send-EdgeeCompletion gpt-5.2 'ping' -ApiKey 'k' -BaseUrl $simulator
                Get-EdgeeSimulatorRequest $simulator
            }
            finally {
                Stop-EdgeeSimulator $simulator
            }
            """);

        Assert.Matches(@"Method\s+Path\s+Body", screen);
        Assert.Matches(@"POST\s+/v1/chat/completions\s+\{""model"":""gpt-5\.2""", screen);
    }

    /// <summary>What the console shows for the objects <paramref name="script"/> outputs.</summary>
    private string Render(string script) =>
        Assert.Single(_fixture.Session.Run($"& {{ {script} }} | Out-String -Width 200").EnsureSuccess().Output).ToString();

    /// <summary>The cmdlets' declared output types and, transitively, the EdgeePS types their properties hold.</summary>
    private static IReadOnlyCollection<Type> UserFacingTypes()
    {
        var assembly = typeof(StreamChunk).Assembly;
        var pending = new Queue<Type>(assembly.GetExportedTypes()
            .Where(type => type.GetCustomAttribute<CmdletAttribute>() is not null)
            .SelectMany(type => type.GetCustomAttributes<OutputTypeAttribute>())
            .SelectMany(attribute => attribute.Type)
            .Select(name => name.Type)
            .OfType<Type>());
        var found = new HashSet<Type>();
        while (pending.TryDequeue(out var type))
        {
            if (type.Assembly != assembly || !type.IsClass || !found.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Enqueue(ElementType(property.PropertyType));
            }
        }

        return found;
    }

    // List<ToolCall> holds ToolCalls; a dictionary of JSON values holds nothing of ours.
    private static Type ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType()!;
        }

        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1
            ? type.GetGenericArguments()[0]
            : Nullable.GetUnderlyingType(type) ?? type;
    }
}
