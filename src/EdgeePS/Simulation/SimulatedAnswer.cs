using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// A model's answer as a test describes it (text, reasoning, tool calls, usage, pacing, faults), made into the
    /// response the request that takes it expects: an event stream when it streams, one chat.completion otherwise.
    /// A stream sends, in order: the role chunk, the reasoning, the text (a chunk per word), each tool call (its
    /// name, then its arguments in pieces), a refusal (a chunk per word), the finish chunk, and the usage chunk when the
    /// request asked for usage. Several texts are several choices, as a request with <c>n</c> gets them: each choice's
    /// chunks in that order, the choices taking turns chunk by chunk; the reasoning, the tool calls and the refusal are
    /// the first choice's.
    /// </summary>
    internal sealed class SimulatedAnswer
    {
        private const int ArgumentPieceLength = 8;
        private const string MalformedEvent = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\n\n";

        /// <summary>The text of each choice, the first choice's first.</summary>
        public IReadOnlyList<string> Texts { get; set; } = new[] { string.Empty };

        public string? Reasoning { get; set; }

        /// <summary>Why the model declines (<c>refusal</c>, <c>delta.refusal</c>), as a model held to a JSON schema may.</summary>
        public string? Refusal { get; set; }

        public IReadOnlyList<SimulatedToolCall> ToolCalls { get; set; } = Array.Empty<SimulatedToolCall>();

        /// <summary>The model the answer reports; the request's when null.</summary>
        public string? Model { get; set; }

        /// <summary>The prompt tokens the answer reports; the request's words when null.</summary>
        public int? PromptTokens { get; set; }

        /// <summary>The completion tokens the answer reports; the pieces it streams when null.</summary>
        public int? CompletionTokens { get; set; }

        /// <summary>The pause between one chunk and the next.</summary>
        public TimeSpan ChunkDelay { get; set; }

        public StreamFaults Faults { get; set; } = new StreamFaults();

        /// <summary>How many chunks the answer streams, not counting the usage chunk (which only some requests get).</summary>
        public int ChunkCount => Chunks(ChunkJson.DefaultModel).Count;

        public ScriptedResponse RespondTo(RecordedRequest request)
        {
            var facts = ChatRequestFacts.Of(request);
            var model = Model ?? facts?.Model ?? ChunkJson.DefaultModel;
            var usage = Counted(facts);
            if (facts?.Streams == true)
            {
                return Streamed(model, usage, facts.IncludeUsage);
            }

            // A whole answer has no chunks to come after: it is the error, in a 200 body.
            return Faults.ErrorAfter.HasValue ? Faults.Error.RespondTo(request) : Whole(model, usage);
        }

        private ScriptedResponse Streamed(string model, SimulatedUsage usage, bool includeUsage)
        {
            var chunks = Chunks(model);
            if (includeUsage)
            {
                chunks.Add(ChunkJson.UsageChunk(usage, ChunkJson.DefaultId, model));
            }

            var response = Served(ScriptedResponse.EventStream());
            var answerChunks = chunks.Count - (includeUsage ? 1 : 0);
            for (var sent = 0; sent <= chunks.Count; sent++)
            {
                if (sent <= answerChunks && Strike(response, sent))
                {
                    return response;
                }

                if (sent == chunks.Count)
                {
                    break;
                }

                if (sent > 0 && ChunkDelay > TimeSpan.Zero)
                {
                    response.Delay(ChunkDelay);
                }

                response.Write(ScriptedResponse.SseEvent(chunks[sent]));
            }

            return response.Write(ScriptedResponse.SseEvent("[DONE]"));
        }

        /// <summary>Plays the faults due after <paramref name="sent"/> chunks; true when the stream ends there.</summary>
        private bool Strike(ScriptedResponse response, int sent)
        {
            if (Faults.MalformedAfter == sent)
            {
                response.Write(MalformedEvent);
            }

            if (Faults.StallAfter == sent)
            {
                response.Delay(Faults.StallFor);
            }

            if (Faults.ErrorAfter == sent)
            {
                // The error event ends the body, without [DONE], as a gateway whose provider failed mid-answer does.
                response.Write(ScriptedResponse.SseEvent(Faults.Error.ErrorJson));
                return true;
            }

            if (Faults.DropAfter == sent)
            {
                response.Abort();
                return true;
            }

            return false;
        }

        private ScriptedResponse Whole(string model, SimulatedUsage usage)
        {
            var choices = Texts.Select((text, index) => index == 0
                    ? (ChunkJson.Message(text.Length == 0 && (ToolCalls.Count > 0 || Refusal != null) ? null : text, Reasoning, ToolCalls, Refusal), FirstFinishReason)
                    : (ChunkJson.Message(text, null, Array.Empty<SimulatedToolCall>()), "stop"))
                .ToList();
            var body = Encoding.UTF8.GetBytes(ChunkJson.Completion(choices, usage, ChunkJson.DefaultId, model));
            var response = Served(ScriptedResponse.Status(200).Header("Content-Type", "application/json"));
            if (!Faults.Any)
            {
                return response.WriteBytes(body);
            }

            var half = body.Length / 2;
            response.WriteBytes(body.Take(half).ToArray());
            if (Faults.StallAfter.HasValue)
            {
                response.Delay(Faults.StallFor);
            }

            if (Faults.DropAfter.HasValue)
            {
                return response.Abort();
            }

            // A malformed whole answer ends where it was cut: a complete response that is not JSON.
            return Faults.MalformedAfter.HasValue ? response : response.WriteBytes(body.Skip(half).ToArray());
        }

        private string FirstFinishReason => ToolCalls.Count > 0 ? "tool_calls" : "stop";

        /// <summary>Every choice's chunks, the choices taking turns: one choice streams exactly its own.</summary>
        private List<string> Chunks(string model)
        {
            var choices = Texts.Select((text, choice) => ChoiceChunks(choice, text, model)).ToList();
            var chunks = new List<string>();
            for (var turn = 0; turn < choices.Max(choice => choice.Count); turn++)
            {
                chunks.AddRange(choices.Where(choice => turn < choice.Count).Select(choice => choice[turn]));
            }

            return chunks;
        }

        /// <summary>One choice's chunks: the first choice's with the reasoning and the tool calls, the others' text alone.</summary>
        private List<string> ChoiceChunks(int choice, string text, string model)
        {
            string Chunk(string delta, string? finishReason = null) => ChunkJson.Chunk(delta, finishReason, ChunkJson.DefaultId, model, choice);

            var first = choice == 0;
            var chunks = new List<string> { Chunk(ChunkJson.RoleDelta("assistant")) };
            chunks.AddRange(TextPieces.Words(first ? Reasoning ?? string.Empty : string.Empty).Select(piece => Chunk(ChunkJson.ReasoningDelta(piece))));
            chunks.AddRange(TextPieces.Words(text).Select(piece => Chunk(ChunkJson.ContentDelta(piece))));
            var toolCalls = first ? ToolCalls : Array.Empty<SimulatedToolCall>();
            for (var index = 0; index < toolCalls.Count; index++)
            {
                var call = toolCalls[index];
                chunks.Add(Chunk(ChunkJson.ToolCallStartDelta(index, call)));
                chunks.AddRange(TextPieces.Fixed(call.ArgumentsJson, ArgumentPieceLength)
                    .Select(piece => Chunk(ChunkJson.ToolCallArgumentsDelta(index, piece))));
            }

            chunks.AddRange(TextPieces.Words(first ? Refusal ?? string.Empty : string.Empty).Select(piece => Chunk(ChunkJson.RefusalDelta(piece))));
            chunks.Add(Chunk("{}", first ? FirstFinishReason : "stop"));
            return chunks;
        }

        /// <summary>Unless overridden, prompt tokens are the request's words and completion tokens the pieces the answer streams.</summary>
        private SimulatedUsage Counted(ChatRequestFacts? facts)
        {
            var reasoning = TextPieces.Words(Reasoning ?? string.Empty).Count;
            var completion = CompletionTokens ?? reasoning + Texts.Sum(text => TextPieces.Words(text).Count) + TextPieces.Words(Refusal ?? string.Empty).Count
                + ToolCalls.Sum(call => TextPieces.Fixed(call.ArgumentsJson, ArgumentPieceLength).Count);
            return new SimulatedUsage(PromptTokens ?? Math.Max(1, facts?.PromptWords ?? 0), completion, Math.Min(reasoning, completion));
        }

        private static ScriptedResponse Served(ScriptedResponse response) => response.Header("X-Edgee-Provider", DefaultGateway.Provider);
    }
}
