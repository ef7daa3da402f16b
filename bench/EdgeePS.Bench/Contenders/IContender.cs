namespace EdgeePS.Bench.Contenders;

/// <summary>One way of reading a streamed chat completion, set up once per child process and then run several times.</summary>
public interface IContender : IDisposable
{
    /// <summary>False for a contender that sees bytes, not chunks, and so cannot <see cref="Deliver"/>.</summary>
    bool RecordsDeliveries => true;

    /// <summary>Untimed work that must not count, such as building the pipeline floor's chunk objects.</summary>
    void Prepare(StreamTarget target)
    {
    }

    /// <summary>Reads the whole stream, taking each chunk's text as a user would and discarding it. This is what is timed.</summary>
    void Consume(StreamTarget target);

    /// <summary>Reads the whole stream, handing each chunk's text to <paramref name="recorder"/> the moment it arrives.</summary>
    void Deliver(StreamTarget target, DeliveryRecorder recorder);
}
