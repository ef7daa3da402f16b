using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using EdgeePS.Batch;
using EdgeePS.Requests;
using EdgeePS.Streaming;
using EdgeePS.Structured;
using EdgeePS.Tools;
using EdgeePS.Transport;

namespace EdgeePS.Conversation
{
    /// <summary>
    /// One input's exchange with the model: a request, and while the model asks for tools EdgeePS may run, the calls
    /// answered and the conversation sent again, round after round, until it answers. Everything it does is reported
    /// as events in order, and it runs only as far as its caller enumerates: the caller writes each event as it comes,
    /// on its own thread, so tools run there too, and disposing the enumeration closes an open stream at once.
    /// Without tools that can run, a stream passes straight through and is not kept, unless the caller asks for the
    /// final response (a chat appends it): then the turn ends with it, streamed or not.
    /// </summary>
    internal sealed class ChatTurn
    {
        /// <summary>Rounds in a row in which every call failed before the turn gives up: the model is not getting anywhere.</summary>
        public const int FailingRoundsLimit = 3;

        private readonly EdgeeClient _client;
        private readonly ChatRequest _request;
        private readonly Uri _endpoint;
        private readonly ToolCaller? _tools;
        private readonly int _maximumToolRounds;
        private readonly Action<string> _narrate;
        private readonly CancellationToken _stop;
        private readonly bool _accumulate;
        private readonly PrefetchedAnswer? _prefetched;
        private readonly List<CompletionResponse> _answers = new List<CompletionResponse>();

        /// <param name="tools">Answers the model's calls; null when no tool can run, so the first answer is final.</param>
        /// <param name="maximumToolRounds">The most rounds of tool calls; one more request for tools ends the turn with an error.</param>
        /// <param name="format">The structured answer asked for, read into the final response; null for text.</param>
        /// <param name="accumulate">End a streamed turn with its final response too (the chunks are reported as ever).</param>
        /// <param name="prefetched">The answer to the first request, already sent ahead by a batch (whole answers only); later rounds are sent here.</param>
        public ChatTurn(
            EdgeeClient client, ChatRequest request, Uri endpoint, ToolCaller? tools, int maximumToolRounds, Action<string> narrate, CancellationToken stop,
            StructuredFormat? format = null, bool accumulate = false, PrefetchedAnswer? prefetched = null)
        {
            _prefetched = prefetched;
            _client = client;
            _request = request;
            _endpoint = endpoint;
            _tools = tools;
            _maximumToolRounds = maximumToolRounds;
            _narrate = narrate;
            _stop = stop;
            _accumulate = accumulate;
            Record = new TurnRecord(request.Messages, format);
        }

        public TurnRecord Record { get; }

        public IEnumerable<TurnEvent> Run()
        {
            var request = _request;
            var failingRounds = 0;
            for (var round = 1; ; round++)
            {
                var prefix = round == 1 ? string.Empty : $"Round {round}: ";
                _narrate($"{prefix}POST {_endpoint}: model {request.Model}, {request.MessageCount} message(s), {(request.Stream ? "streamed" : "whole")}.");
                var clock = Stopwatch.StartNew();
                CompletionResponse answer;
                if (request.Stream)
                {
                    var stream = _client.OpenStream(request, _stop);
                    var reader = new StreamReadAhead(stream);
                    StreamAnswer streamed;
                    StreamAccumulator? accumulator;
                    try
                    {
                        _narrate($"Stream opened in {clock.ElapsedMilliseconds} ms{ProviderNote(stream.Provider, stream.FallbackUsed)}.");
                        streamed = new StreamAnswer(stream.Provider, stream.FallbackUsed, Record, round);
                        accumulator = _tools is null && !_accumulate ? null : new StreamAccumulator(streamed);
                        var chunks = 0;
                        var errorEvent = false;
                        while (reader.Take() is StreamEvent next)
                        {
                            if (next.Chunk is StreamChunk chunk)
                            {
                                if (++chunks == 1)
                                {
                                    _narrate($"First chunk after {clock.ElapsedMilliseconds} ms.");
                                }

                                chunk.Answer = streamed;
                                accumulator?.Add(chunk);
                                yield return TurnEvent.ForChunk(chunk);
                            }
                            else
                            {
                                errorEvent |= next.Kind == StreamEventKind.GatewayError;
                                yield return TurnEvent.ForStreamError(next.Error!);
                            }
                        }

                        // A fault thrown above (cut short, idle) leaves the answer incomplete too: Join-EdgeeStream says so.
                        if (!errorEvent)
                        {
                            streamed.Complete();
                        }

                        _narrate($"Stream complete: {chunks} chunk(s) in {clock.ElapsedMilliseconds} ms.");
                    }
                    finally
                    {
                        // Also reached when a downstream Select-Object -First stops the caller mid-write: close the connection now.
                        reader.Dispose();
                    }

                    if (accumulator is null || !streamed.IsComplete)
                    {
                        // Nothing more to do: the chunks were the answer, and Join-EdgeeStream puts them together.
                        if (streamed.IsComplete)
                        {
                            Record.AnswerReached();
                        }

                        yield break;
                    }

                    answer = accumulator.ToResponse();
                }
                else
                {
                    var sentAhead = round == 1 ? _prefetched : null;
                    answer = sentAhead?.Take(_narrate) ?? _client.Complete(request, _stop);
                    var elapsed = sentAhead?.Elapsed ?? clock.Elapsed;
                    _narrate($"Completion received in {(long)elapsed.TotalMilliseconds} ms{ProviderNote(answer.Provider, answer.FallbackUsed)}.");
                }

                _answers.Add(answer);
                var calls = answer.Message?.ToolCalls;
                if (_tools is null || calls is null || calls.Count == 0 || HandsCallsBack(calls))
                {
                    Record.AnswerReached();
                    if (!request.Stream || _accumulate)
                    {
                        yield return TurnEvent.ForResponse(Compose());
                    }

                    yield break;
                }

                if (round > _maximumToolRounds)
                {
                    yield return Failure(
                        EdgeeErrorIds.ToolRoundLimitExceeded,
                        $"The model asked for tools again after {_maximumToolRounds} round(s) of tool calls (-MaximumToolRounds); the calls of request {round} did not run.");
                    yield break;
                }

                var toolRound = new ToolRound(round, AssistantMessage(answer.Message!, round));
                foreach (var call in toolRound.Assistant.ToolCalls!)
                {
                    var invocation = _tools.Call(call, round);
                    toolRound.Invocations.Add(invocation);
                    _narrate(ToolCaller.Narration(invocation));
                    yield return TurnEvent.ForInvocation(invocation);
                }

                Record.Add(toolRound);
                failingRounds = toolRound.Invocations.All(IsFailure) ? failingRounds + 1 : 0;
                if (failingRounds >= FailingRoundsLimit)
                {
                    var last = toolRound.Invocations[toolRound.Invocations.Count - 1];
                    yield return Failure(
                        EdgeeErrorIds.ToolCallsFailing,
                        $"Every tool call failed in {FailingRoundsLimit} rounds in a row; the last one, {last.Name}: {last.Error}");
                    yield break;
                }

                request = request.WithMessages(toolRound.WireMessages());
            }
        }

        private CompletionResponse Compose() => TurnResponse.Compose(Record, _answers);

        // The loop ends before the model's answer: the error goes with the response so far.
        private TurnEvent Failure(string errorId, string message) => TurnEvent.ForFailure(new EdgeeException(errorId, message), Compose());

        // A call to a tool only the caller can answer (a definition without a command) ends the loop: the caller gets the
        // calls, all of them, as without tools. Names the model made up do not: the model is told and tries again.
        private bool HandsCallsBack(IReadOnlyList<ToolCall> calls)
        {
            var handedBack = calls.Where(call => _tools!.Tools.IsDefinitionOnly(call.Function?.Name)).Select(call => call.Function!.Name).ToList();
            if (handedBack.Count > 0)
            {
                _narrate($"The model called {string.Join(", ", handedBack.Distinct())}, which EdgeePS has no command for: the calls come back in the answer.");
            }

            return handedBack.Count > 0;
        }

        // The assistant message as it goes back to the model: every call with an id, so each tool message can name its call.
        private static ChatMessage AssistantMessage(ChatMessage message, int round) => new ChatMessage
        {
            Role = message.Role ?? "assistant",
            Content = message.Content,
            Reasoning = message.Reasoning,
            ToolCalls = message.ToolCalls!.Select((call, index) => new ToolCall
            {
                Id = string.IsNullOrEmpty(call.Id) ? $"call_edgeeps_{round}_{index}" : call.Id,
                Type = call.Type ?? "function",
                Function = new FunctionCall { Name = call.Function?.Name, Arguments = call.Function?.Arguments ?? string.Empty },
            }).ToList(),
        };

        private static bool IsFailure(ToolInvocation invocation) =>
            invocation.Status == ToolInvocationStatus.Failed
            || invocation.Status == ToolInvocationStatus.UnknownTool
            || invocation.Status == ToolInvocationStatus.InvalidArguments;

        private static string ProviderNote(string? provider, bool fallbackUsed) =>
            (provider is null ? string.Empty : $", served by {provider}") + (fallbackUsed ? " (fallback)" : string.Empty);
    }
}
