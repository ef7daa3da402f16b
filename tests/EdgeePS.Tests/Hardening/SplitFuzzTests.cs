using System.Text;
using EdgeePS.Streaming;
using EdgeePS.Tests.Core;
using Xunit.Abstractions;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Split fuzz (issue 3): the same SSE bytes delivered in random-size reads — 1 byte up to the whole body — must give
/// the identical events, whatever the framing and wherever a multi-byte character is cut. Seeded and reproducible:
/// a failure names its seed.
/// </summary>
public sealed class SplitFuzzTests
{
    private const int Seeds = 1500;
    private static readonly string[] LineEnds = ["\n", "\r\n", "\r"];

    private readonly ITestOutputHelper output;

    public SplitFuzzTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public async Task RandomBodiesInRandomSizeReadsGiveTheEventsOfTheWholeBody()
    {
        var failures = new List<string>();
        var splitsChecked = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed);
            var body = RandomSseBody.Generate(random, LineEnds[random.Next(LineEnds.Length)], byteOrderMark: random.Next(4) == 0, faults: true);

            var whole = StreamOutcome.From(await ReadAllAsync(PiecewiseStream.Uniform(body.Bytes, body.Bytes.Length)));
            var planError = CheckAgainstPlan(whole, body);
            if (planError is not null)
            {
                failures.Add($"seed {seed}: the whole body did not give the planned events: {planError} ({body})");
                continue;
            }

            // Three splits per seed: one with tiny reads, one with mid-size reads, one anywhere up to the whole body.
            foreach (var largest in new[] { 4, 64, body.Bytes.Length })
            {
                var sizes = RandomPieceSizes(random, body.Bytes.Length, largest);
                var split = StreamOutcome.From(await ReadAllAsync(new PiecewiseStream(body.Bytes, sizes)));
                splitsChecked++;
                if (!split.SameAs(whole))
                {
                    failures.Add($"seed {seed}, pieces [{string.Join(",", sizes)}]: {split.DifferenceFrom(whole)}");
                }
            }
        }

        output.WriteLine($"{Seeds} seeds, {splitsChecked} random splits checked against the whole-body read.");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s); first ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
    }

    [Fact]
    public async Task EveryCutInsideAMultibyteCharacterGivesTheSameEvents()
    {
        var contents = new[] { "é", "ß€", "中文字", "😀🎉", "a😀b€c中dée\u0301", "Grüße aus 東京 😀", "🎉" };
        foreach (var lineEnd in LineEnds)
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8(ContentEvents(contents, lineEnd))).ToArray();
            var whole = StreamOutcome.From(await ReadAllAsync(PiecewiseStream.Uniform(bytes, bytes.Length)));
            Assert.Equal(contents.Length, whole.Events.Count);

            // A continuation byte (10xxxxxx) is inside a character: cutting just before it splits that character.
            var cuts = Enumerable.Range(1, bytes.Length - 1).Where(offset => (bytes[offset] & 0xC0) == 0x80).ToList();
            Assert.True(cuts.Count > 30, $"the body should hold many multi-byte characters, has {cuts.Count} inner offsets");

            var failures = new List<string>();
            var random = new Random(cuts.Count);
            foreach (var cut in cuts)
            {
                var twoPieces = StreamOutcome.From(await ReadAllAsync(PiecewiseStream.SplitAt(bytes, cut)));
                if (!twoPieces.SameAs(whole))
                {
                    failures.Add($"cut at {cut}: {twoPieces.DifferenceFrom(whole)}");
                }

                // The same cut again, with random reads on either side of it.
                var sizes = RandomPieceSizes(random, cut, 8).Concat(RandomPieceSizes(random, bytes.Length - cut, 8)).ToArray();
                var around = StreamOutcome.From(await ReadAllAsync(new PiecewiseStream(bytes, sizes)));
                if (!around.SameAs(whole))
                {
                    failures.Add($"cut at {cut} among pieces [{string.Join(",", sizes)}]: {around.DifferenceFrom(whole)}");
                }
            }

            Assert.True(failures.Count == 0, $"line end {Escape(lineEnd)}: {failures.Count} of {cuts.Count * 2} splits went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
        }
    }

    /// <summary>Sizes of 1 to <paramref name="largest"/> bytes that add up to exactly <paramref name="total"/>.</summary>
    internal static int[] RandomPieceSizes(Random random, int total, int largest)
    {
        var sizes = new List<int>();
        var left = total;
        while (left > 0)
        {
            var size = Math.Min(left, random.Next(1, Math.Max(1, largest) + 1));
            sizes.Add(size);
            left -= size;
        }
        return sizes.Count == 0 ? [1] : sizes.ToArray();
    }

    private static string? CheckAgainstPlan(StreamOutcome whole, RandomSseBody body)
    {
        var planned = body.Events.Where(planned => planned.Kind != StreamEventKind.Done).ToList();
        var endsWithError = planned.Count > 0 && planned[^1].Kind == StreamEventKind.GatewayError;
        if (whole.Ending != "end")
        {
            return $"the read ended with {whole.Ending}";
        }
        if (whole.Events.Count != planned.Count)
        {
            return $"{whole.Events.Count} events instead of {planned.Count}: {string.Join(" | ", whole.Events)}";
        }
        for (var index = 0; index < planned.Count; index++)
        {
            var expected = planned[index];
            if (whole.Kinds[index] != expected.Kind)
            {
                return $"event {index} should be {expected.Kind}: {whole.Events[index]}";
            }
            if (expected.Kind == StreamEventKind.Chunk && whole.Texts[index] != expected.Text)
            {
                return $"event {index} should carry the text {Escape(expected.Text!)}: {whole.Events[index]}";
            }
        }
        return endsWithError || body.Events[^1].Kind == StreamEventKind.Done ? null : "the plan has neither [DONE] nor an error event";
    }

    private static string Escape(string text) =>
        new StringBuilder(text).Replace("\r", "\\r").Replace("\n", "\\n").ToString();
}
