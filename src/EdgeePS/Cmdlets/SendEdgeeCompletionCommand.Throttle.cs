using System.Globalization;
using System.Management.Automation;
using EdgeePS.Batch;
using EdgeePS.Requests;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// -ThrottleLimit: piped inputs are sent ahead of their turn, up to n at once, by an <see cref="OrderedBatch{T}"/>;
    /// each answer is written on the pipeline thread when its turn comes, through the very path an input sent in its
    /// turn takes (<see cref="ChatCommandBase"/>), so tools, structured answers, errors and narration are the same.
    /// Rate limits pause the whole batch (<see cref="RetryGate"/>). Without it, or at 1, nothing here runs.
    /// </summary>
    public sealed partial class SendEdgeeCompletionCommand
    {
        public const int MaximumThrottleLimit = 100;

        // Inputs taken but not yet written, per request in flight: one slow answer holds back the writing of those
        // after it, and this bounds how many answers wait for it (memory), while the others keep the slots busy.
        private const int TurnsAheadPerRequest = 4;

        private OrderedBatch<BatchEntry>? _batch;
        private RetryGate? _gate;
        private int _inputs;

        /// <summary>Send up to this many piped inputs at once (whole answers only); answers are written in input order. Default 1: one at a time.</summary>
        [Parameter]
        [ValidateRange(1, MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = 1;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ThrottleLimit == 1)
            {
                return;
            }

            if (ThrottleRefusal() is string why)
            {
                ThrowTerminatingError(ErrorRecords.From(new EdgeeException(EdgeeErrorIds.ThrottleLimitNotSupported, why), ThrottleLimit));
            }

            _gate = new RetryGate(Options.Clock);
            Options.RetryGate = _gate;
            _batch = new OrderedBatch<BatchEntry>(ThrottleLimit, StopToken);
            WriteVerbose($"Up to {ThrottleLimit} requests in flight at once; the answers are written in input order.");
        }

        protected override void ProcessRecord()
        {
            if (_batch is null)
            {
                base.ProcessRecord();
                return;
            }

            Queue();
            StopBatchOnFailure(() =>
            {
                while (UntilStopped(_batch, batch => batch.TryTake(out var ready) ? ready : null) is BatchEntry ready)
                {
                    Write(ready);
                }

                while (_batch.Outstanding >= ThrottleLimit * TurnsAheadPerRequest && UntilStopped(_batch, batch => batch.Take(out var next) ? next : null) is BatchEntry next)
                {
                    Write(next);
                }
            });
        }

        protected override void EndProcessing()
        {
            if (_batch is null)
            {
                base.EndProcessing();
                return;
            }

            _batch.Complete();
            StopBatchOnFailure(() =>
            {
                while (UntilStopped(_batch, batch => batch.Take(out var next) ? next : null) is BatchEntry next)
                {
                    Write(next);
                }
            });

            WriteVerbose(string.Format(
                CultureInfo.InvariantCulture,
                "Batch done: {0} input(s), at most {1} of {2} request(s) in flight at once, {3} shared pause(s) for rate limits ({4:0.###} s).",
                _inputs,
                _batch.PeakInFlight,
                ThrottleLimit,
                _gate!.Pauses,
                _gate.Paused.TotalSeconds));
        }

        public override void Dispose()
        {
            // Also reached when a downstream Select-Object -First stops us: every request still in flight is cancelled, its connection closed.
            _batch?.Dispose();
            base.Dispose();
        }

        /// <summary>
        /// Runs <paramref name="write"/>; if it throws (Ctrl+C, a downstream Select-Object -First stopping us mid-write,
        /// a tool's terminating error), every request still in flight is cancelled there and then, before the engine
        /// gets round to disposing the command.
        /// </summary>
        private void StopBatchOnFailure(System.Action write)
        {
            try
            {
                write();
            }
            catch
            {
                _batch!.Dispose();
                throw;
            }
        }

        private string? ThrottleRefusal()
        {
            if (TakesContext)
            {
                return "-ThrottleLimit sends piped inputs at once, but in this parameter set everything piped in is the context of one request. Leave out -ThrottleLimit.";
            }

            if (Stream)
            {
                return "-ThrottleLimit sends whole answers ahead of their turn; a stream is written as it arrives, one at a time. Leave out -Stream or -ThrottleLimit.";
            }

            if (Chat != null)
            {
                return "-Chat sends each turn after the one before it, with that turn's answer in the history, so turns cannot be sent at once. Leave out -ThrottleLimit.";
            }

            return null;
        }

        /// <summary>Builds the input's request now (the input is the current one only now) and hands it to the batch.</summary>
        private void Queue()
        {
            var number = ++_inputs;
            var input = InputObject;
            ChatRequest request;
            try
            {
                request = BuildRequest(null);
            }
            catch (EdgeeException error)
            {
                _batch!.AddFinished(BatchEntry.Refused(number, input, error));
                return;
            }

            var options = Options;
            _batch!.Add((inFlight, stop) => BatchEntry.Sent(number, input, request, PrefetchedAnswer.Fetch(options, request, inFlight, stop)));
        }

        private void Write(BatchEntry entry)
        {
            if (entry.InputError is EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, entry.Input));
                return;
            }

            WriteVerbose($"Input {entry.Number} of the batch:");
            Answer(entry.Request!, entry.Answer);
        }
    }
}
