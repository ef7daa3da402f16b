using EdgeePS.Errors;
using EdgeePS.Streaming;
using Xunit;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="StreamReadAhead"/>: events read on the caller's thread while the stream keeps it waiting, a reader thread
/// once the data outpaces it, events and faults in order across the batched hand-off, a bounded hand-off, and Dispose
/// ending the reader. Which thread read the body is seen by wrapping it; nothing here depends on how long anything takes.
/// </summary>
public sealed class StreamReadAheadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Far more than the hand-off holds, so a reader that did not wait for room would read the whole body.
    private const int LongStream = 20_000;

    [Fact]
    public async Task While_the_stream_keeps_the_caller_waiting_every_event_is_read_on_the_callers_thread()
    {
        var words = Words(50);
        var gate = new GatedStream();
        var body = new ReadRecordingStream(gate);
        using var stream = Open(body);
        using var ahead = new StreamReadAhead(stream);

        var (caller, texts, end) = await Task.Run(() =>
        {
            var taken = new List<string>();
            foreach (var word in words)
            {
                // One event at a time, as a model's tokens come: each read returns less than it offered room for.
                gate.Release(Utf8(Event(ContentChunk(word))));
                taken.Add(ahead.Take()!.Chunk!.Text);
            }

            gate.Release(Utf8(Done()));
            gate.End();
            return (Environment.CurrentManagedThreadId, taken, ahead.Take());
        }).WaitAsync(Patience);

        Assert.Equal(words, texts);
        Assert.Null(end);
        Assert.NotEmpty(body.Readers);
        Assert.Null(body.ReaderOtherThan(caller));
    }

    [Fact]
    public async Task Once_reads_come_back_full_a_reader_thread_takes_over_and_every_event_arrives_in_order()
    {
        var words = Words(LongStream);
        var body = new ReadRecordingStream(FullReads(Utf8(ContentEvents(words))));
        using var stream = Open(body);
        using var ahead = new StreamReadAhead(stream);

        var (caller, result) = await Task.Run(() => (Environment.CurrentManagedThreadId, TakeAll(ahead))).WaitAsync(Patience);

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(words, result.Texts);
        Assert.Equal(caller, body.Readers[0].ManagedThreadId);
        Assert.NotNull(body.ReaderOtherThan(caller));
    }

    [Fact]
    public async Task A_fault_on_the_reader_thread_comes_after_every_event_parsed_before_it()
    {
        var words = Words(LongStream);
        var body = new ReadRecordingStream(FullReads(Utf8(ContentEvents(words, done: false)), StreamEnding.Throw));
        using var stream = Open(body);
        using var ahead = new StreamReadAhead(stream);

        var (caller, result) = await Task.Run(() => (Environment.CurrentManagedThreadId, TakeAll(ahead))).WaitAsync(Patience);

        Assert.NotNull(body.ReaderOtherThan(caller));
        Assert.Equal(words, result.Texts);
        var fault = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, fault.ErrorId);
    }

    [Fact]
    public async Task A_reader_far_ahead_of_the_caller_waits_for_room_and_loses_nothing()
    {
        var words = Words(LongStream);
        var content = Utf8(ContentEvents(words));
        var body = new ReadRecordingStream(FullReads(content));
        using var stream = Open(body);
        using var ahead = new StreamReadAhead(stream);

        var (taken, reader) = await StartReaderAndWaitUntilItWaitsForRoomAsync(ahead, body);

        Assert.True(body.BytesRead < content.Length, $"The reader read all {content.Length:N0} bytes while the caller took nothing.");
        var rest = await Task.Run(() => TakeAll(ahead)).WaitAsync(Patience);
        Assert.True(rest.Error is null, rest.Describe());
        Assert.Equal(words, taken.Concat(rest.Texts));
        Assert.True(reader.Join(Patience), "The reader thread did not end after the stream did.");
    }

    [Fact]
    public async Task Dispose_while_the_reader_waits_for_room_ends_the_reader_and_closes_the_connection()
    {
        var body = new ReadRecordingStream(FullReads(Utf8(ContentEvents(Words(LongStream)))));
        using var stream = Open(body);
        var ahead = new StreamReadAhead(stream);
        var (_, reader) = await StartReaderAndWaitUntilItWaitsForRoomAsync(ahead, body);

        await Task.Run(ahead.Dispose).WaitAsync(Patience);

        Assert.False(reader.IsAlive, "Dispose returned while the reader thread was still running.");
        Assert.True(body.IsDisposed, "Dispose left the connection open.");
    }

    private static List<string> Words(int count) => Enumerable.Range(0, count).Select(index => $"w{index} ").ToList();

    // One piece as large as the body: every read fills all the room it offers, as when data waits in the socket.
    private static PiecewiseStream FullReads(byte[] events, StreamEnding ending = StreamEnding.Close) =>
        new(events, new[] { int.MaxValue }, ending);

    private static StreamReadResult TakeAll(StreamReadAhead ahead)
    {
        var events = new List<StreamEvent>();
        try
        {
            while (ahead.Take() is { } next)
            {
                events.Add(next);
            }

            return new StreamReadResult(events, null);
        }
        catch (EdgeeException error)
        {
            return new StreamReadResult(events, error);
        }
    }

    /// <summary>
    /// Takes events until a thread other than the caller's has read the body, then takes no more and waits until that
    /// reader is parked (the body never blocks a read, so a waiting reader waits for room in the hand-off).
    /// </summary>
    private static async Task<(List<string> Taken, Thread Reader)> StartReaderAndWaitUntilItWaitsForRoomAsync(StreamReadAhead ahead, ReadRecordingStream body)
    {
        var (taken, reader) = await Task.Run(() =>
        {
            var caller = Environment.CurrentManagedThreadId;
            var texts = new List<string>();
            while (body.ReaderOtherThan(caller) is null)
            {
                texts.Add(ahead.Take()!.Chunk!.Text);
            }

            return (texts, body.ReaderOtherThan(caller)!);
        }).WaitAsync(Patience);

        await Eventually.WaitUntilAsync(
            () => (reader.ThreadState & ThreadState.WaitSleepJoin) != 0,
            Patience,
            () => $"The reader never waited for room: it is {reader.ThreadState} after reading {body.BytesRead:N0} bytes.");
        return (taken, reader);
    }
}
