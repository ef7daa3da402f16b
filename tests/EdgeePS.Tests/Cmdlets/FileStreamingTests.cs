using System.Text;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// The documented way to stream an answer into a file, `| ForEach-Object Text | Out-File -NoNewline`, writes each
/// piece as it arrives: the file is read while the gateway holds the rest of the answer back.
/// </summary>
public sealed class FileStreamingTests : CmdletTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgeeps-file-").FullName;

    public FileStreamingTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task OutFileFollowsTheStreamWhileItIsStillArriving()
    {
        var path = Path.Combine(_folder, "answer.md");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.RoleChunk()))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("# Disk full\n")))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("1. Find the largest files, ")))
            .WaitFor(release.Task)
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("2. rotate the logs. ✓")))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.FinishChunk()))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.UsageChunk(5, 9)))
            .Write("data: [DONE]\n\n"));

        var pipeline = Start($"Invoke-EdgeeStream gpt-5.2 'Runbook for a full disk' | ForEach-Object Text | Out-File -NoNewline -LiteralPath '{path}'");
        string halfway;
        try
        {
            halfway = await ContentOnceItHoldsAsync(path, "# Disk full\n1. Find the largest files, ", TimeSpan.FromSeconds(10));
            Assert.False(Gateway.Requests[0].ResponseFinished.IsCompleted);
        }
        finally
        {
            release.TrySetResult();
        }

        (await pipeline.Completion).EnsureSuccess();
        Assert.Equal("# Disk full\n1. Find the largest files, ", halfway);
        Assert.Equal("# Disk full\n1. Find the largest files, 2. rotate the logs. ✓", ReadShared(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The file's text once it equals <paramref name="expected"/>, or what it held when time ran out.</summary>
    private static async Task<string> ContentOnceItHoldsAsync(string path, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var content = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            content = File.Exists(path) ? ReadShared(path) : string.Empty;
            if (content == expected)
            {
                break;
            }

            await Task.Delay(20);
        }

        return content;
    }

    // Out-File still has the file open: read beside it, as tail -f would.
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
