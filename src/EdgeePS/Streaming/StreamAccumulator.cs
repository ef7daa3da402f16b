using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// Turns the chunks of one streamed answer into the <see cref="CompletionResponse"/> the gateway would have sent
    /// whole: each choice by its index, the first id, model and creation time, the last usage and compression (the
    /// usage chunk comes after the finish reason, with no choices), and the fields no model covers.
    /// </summary>
    internal sealed class StreamAccumulator
    {
        private readonly StreamAnswer? _answer;
        private readonly SortedDictionary<int, ChoiceAccumulator> _choices = new SortedDictionary<int, ChoiceAccumulator>();
        private string? _id;
        private long? _created;
        private string? _model;
        private Usage? _usage;
        private Compression? _compression;
        private Dictionary<string, JsonElement>? _additionalProperties;

        /// <param name="answer">What the streaming command knows of the answer; null for chunks made elsewhere.</param>
        public StreamAccumulator(StreamAnswer? answer) => _answer = answer;

        public void Add(StreamChunk chunk)
        {
            _id ??= string.IsNullOrEmpty(chunk.Id) ? null : chunk.Id;
            _created ??= chunk.Created;
            _model ??= string.IsNullOrEmpty(chunk.Model) ? null : chunk.Model;
            _usage = chunk.Usage ?? _usage;
            _compression = chunk.Compression ?? _compression;
            foreach (var pair in chunk.AdditionalProperties ?? Enumerable.Empty<KeyValuePair<string, JsonElement>>())
            {
                (_additionalProperties ??= new Dictionary<string, JsonElement>())[pair.Key] = pair.Value;
            }

            foreach (var choice in chunk.Choices ?? Enumerable.Empty<StreamChoice>())
            {
                if (!_choices.TryGetValue(choice.Index, out var accumulated))
                {
                    _choices.Add(choice.Index, accumulated = new ChoiceAccumulator(choice.Index));
                }

                accumulated.Add(choice);
            }
        }

        public CompletionResponse ToResponse() => new CompletionResponse
        {
            Id = _id,
            Object = "chat.completion",
            Created = _created,
            Model = _model,
            Choices = _choices.Values.Select(choice => choice.ToChoice()).ToList(),
            Usage = _usage,
            Compression = _compression,
            Provider = _answer?.Provider,
            FallbackUsed = _answer?.FallbackUsed ?? false,
            IsComplete = IsComplete(),
            AdditionalProperties = _additionalProperties,
        };

        // Without word from the streaming command (chunks rebuilt by hand), an answer is whole when every choice finished.
        private bool IsComplete() =>
            _answer?.IsComplete ?? (_choices.Count > 0 && _choices.Values.All(choice => choice.IsFinished));
    }
}
