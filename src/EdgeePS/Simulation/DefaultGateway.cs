using System;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// What the simulator answers where no test scripted the answer: a small, well-behaved gateway. Requests to
    /// unknown paths, with the wrong method or without a bearer token are refused before any scripted answer is used.
    /// </summary>
    internal static class DefaultGateway
    {
        public const string ChatCompletionsPath = "/v1/chat/completions";
        public const string ModelsPath = "/v1/models";
        public const string Provider = "openai";
        public const string EchoPrefix = "You said: ";

        private const string ModelList =
            "{\"object\":\"list\",\"data\":[" +
            "{\"id\":\"gpt-5.2\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"openai\"}," +
            "{\"id\":\"gpt-5-mini\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"openai\"}," +
            "{\"id\":\"claude-sonnet-4.5\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"anthropic\"}," +
            "{\"id\":\"mistral-large\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"mistral\"}" +
            "]}";

        public static bool IsChatCompletion(RecordedRequest request) =>
            request.Path == ChatCompletionsPath && string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);

        /// <summary>The refusal the gateway answers whatever was scripted: unknown path, wrong method, no key. Null when none applies.</summary>
        public static ScriptedResponse? Refusal(RecordedRequest request)
        {
            var isChat = request.Path == ChatCompletionsPath;
            if (!isChat && request.Path != ModelsPath)
            {
                return ScriptedResponse.Error(404, "not_found_error", $"No route for {request.Method} {request.Path}", "not_found");
            }

            var expectedMethod = isChat ? "POST" : "GET";
            if (!string.Equals(request.Method, expectedMethod, StringComparison.OrdinalIgnoreCase))
            {
                return ScriptedResponse.Error(405, "invalid_request_error", $"{request.Path} accepts {expectedMethod} only");
            }

            return HasBearerToken(request) ? null : ScriptedResponse.Error(401, "authentication_error", "Missing or invalid API key", "unauthorized");
        }

        /// <summary>The unscripted answer to an accepted request: the model listing, or an echo of the last user message.</summary>
        public static ScriptedResponse Respond(RecordedRequest request)
        {
            if (!IsChatCompletion(request))
            {
                return ScriptedResponse.Json(200, ModelList).Header("X-Edgee-Provider", Provider);
            }

            var facts = ChatRequestFacts.Of(request);
            if (facts is null)
            {
                return ScriptedResponse.Error(400, "invalid_request_error", "The request body is not a JSON object", "invalid_json");
            }

            return new SimulatedAnswer { Texts = new[] { EchoPrefix + facts.LastUserMessage } }.RespondTo(request);
        }

        private static bool HasBearerToken(RecordedRequest request)
        {
            const string scheme = "Bearer ";
            return request.Headers.TryGetValue("Authorization", out var value)
                && value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                && value.Substring(scheme.Length).Trim().Length > 0;
        }
    }
}
