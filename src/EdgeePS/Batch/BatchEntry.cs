using System;
using EdgeePS.Requests;

namespace EdgeePS.Batch
{
    /// <summary>
    /// One input of a batch, as it waits for its turn: the input as given, and either the request it made and the
    /// answer sent ahead for it, or the reason it made no request (reported at its turn, so errors stay in order).
    /// </summary>
    internal sealed class BatchEntry
    {
        private BatchEntry(int number, object? input, ChatRequest? request, PrefetchedAnswer? answer, EdgeeException? inputError)
        {
            Number = number;
            Input = input;
            Request = request;
            Answer = answer;
            InputError = inputError;
        }

        /// <summary>The input's place in the batch, from 1.</summary>
        public int Number { get; }

        public object? Input { get; }

        public ChatRequest? Request { get; }

        public PrefetchedAnswer? Answer { get; }

        /// <summary>Why the input made no request (bad input); null when it was sent.</summary>
        public EdgeeException? InputError { get; }

        public static BatchEntry Sent(int number, object? input, ChatRequest request, PrefetchedAnswer answer) =>
            new BatchEntry(number, input, request, answer ?? throw new ArgumentNullException(nameof(answer)), null);

        public static BatchEntry Refused(int number, object? input, EdgeeException inputError) =>
            new BatchEntry(number, input, null, null, inputError);
    }
}
