using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Transport;

namespace EdgeePS.Batch
{
    /// <summary>
    /// The answer to an input's first request, sent ahead of the input's turn on a batch's thread: the whole
    /// completion or the failure, with what the client said meanwhile, kept until the input's turn comes. Then the
    /// turn goes on from it on the pipeline thread (<see cref="Conversation.ChatTurn"/>): the narration is told, tools
    /// run and a structured answer is read there, exactly as for an input sent in its turn.
    /// </summary>
    internal sealed class PrefetchedAnswer
    {
        private readonly CompletionResponse? _response;
        private readonly EdgeeException? _error;
        private readonly IReadOnlyList<string> _narration;

        private PrefetchedAnswer(CompletionResponse? response, EdgeeException? error, IReadOnlyList<string> narration, TimeSpan elapsed)
        {
            _response = response;
            _error = error;
            _narration = narration;
            Elapsed = elapsed;
        }

        /// <summary>From sending the request to having its whole answer (or failure), retries and pauses included.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>
        /// Sends <paramref name="request"/> and reads its whole answer. A failure is kept for the input's turn; a stop
        /// (<see cref="OperationCanceledException"/>) is not a failure of the input and is thrown.
        /// </summary>
        /// <param name="inFlight">How many requests of the batch are in flight, counting this one: told at the input's turn.</param>
        public static PrefetchedAnswer Fetch(EdgeeClientOptions options, ChatRequest request, int inFlight, CancellationToken stop)
        {
            var narration = new List<string> { $"Sent ahead of its turn, with {inFlight} request(s) of the batch in flight." };
            var clock = Stopwatch.StartNew();
            try
            {
                var response = new EdgeeClient(options.WithLog(narration.Add)).Complete(request, stop);
                return new PrefetchedAnswer(response, null, narration, clock.Elapsed);
            }
            catch (EdgeeException error)
            {
                return new PrefetchedAnswer(null, error, narration, clock.Elapsed);
            }
        }

        /// <summary>At the input's turn: tells what happened while it was sent, then gives the answer or throws the failure.</summary>
        public CompletionResponse Take(Action<string> narrate)
        {
            foreach (var line in _narration)
            {
                narrate(line);
            }

            return _response ?? throw _error!;
        }
    }
}
