namespace EdgeePS
{
    /// <summary>
    /// The stable error identifiers EdgeePS reports. They become the first part of an error record's
    /// FullyQualifiedErrorId, so runbooks and tests can match on them: never put variable data in one.
    /// </summary>
    public static class EdgeeErrorIds
    {
        // Configuration: nothing can work, so these terminate the command.
        public const string ApiKeyMissing = "ApiKeyMissing";
        public const string InvalidBaseUrl = "InvalidBaseUrl";
        public const string UnencryptedAuthenticationNotAllowed = "UnencryptedAuthenticationNotAllowed";

        // Input: reported per input object, before any request is sent.
        public const string ModelMissing = "ModelMissing";
        public const string InputTypeNotSupported = "InputTypeNotSupported";
        public const string EmptyPrompt = "EmptyPrompt";
        public const string MessagesMissing = "MessagesMissing";
        public const string InvalidMessage = "InvalidMessage";
        public const string MessageRoleMissing = "MessageRoleMissing";
        public const string ToolCallIdMissing = "ToolCallIdMissing";
        public const string InvalidTool = "InvalidTool";
        public const string InvalidInputValue = "InvalidInputValue";
        public const string ValueOutOfRange = "ValueOutOfRange";
        public const string ReservedInputKey = "ReservedInputKey";
        public const string DuplicateInputKey = "DuplicateInputKey";
        public const string ParameterConflictsWithInput = "ParameterConflictsWithInput";
        public const string ConflictingParameters = "ConflictingParameters";
        public const string InvalidJsonSchema = "InvalidJsonSchema";
        public const string ContextTooLarge = "ContextTooLarge";
        public const string ThrottleLimitNotSupported = "ThrottleLimitNotSupported";

        // Tools: a command given to -Tool or New-EdgeeTool that cannot be offered to the model; before any request.
        public const string ToolNotFound = "ToolNotFound";
        public const string InvalidToolName = "InvalidToolName";
        public const string ToolParameterNotFound = "ToolParameterNotFound";
        public const string ToolParameterNotSupported = "ToolParameterNotSupported";

        // One request failed; the next input still runs.
        public const string ApiError = "ApiError";
        public const string UsageLimitExceeded = "UsageLimitExceeded";
        public const string ModelNotFound = "ModelNotFound";
        public const string ConnectionFailed = "ConnectionFailed";
        public const string ProxyAuthenticationFailed = "ProxyAuthenticationFailed";
        public const string RequestTimeout = "RequestTimeout";
        public const string UnexpectedResponse = "UnexpectedResponse";

        // Mid-stream: chunks that arrived before these are kept.
        public const string StreamIdleTimeout = "StreamIdleTimeout";
        public const string StreamTruncated = "StreamTruncated";
        public const string MalformedStreamEvent = "MalformedStreamEvent";
        public const string StreamErrorEvent = "StreamErrorEvent";
        public const string StreamEventTooLarge = "StreamEventTooLarge";

        // The tool loop ended before the model's answer; the tools that ran are in the error's target, the response so far.
        public const string ToolRoundLimitExceeded = "ToolRoundLimitExceeded";
        public const string ToolCallsFailing = "ToolCallsFailing";

        // A structured answer (-JsonSchema, -Json): the response is still written, with its text; Parsed is empty.
        public const string InvalidStructuredResponse = "InvalidStructuredResponse";
        public const string ModelRefused = "ModelRefused";

        // Enter-EdgeeChat: /save could not write its file; the chat goes on.
        public const string ChatSaveFailed = "ChatSaveFailed";
    }
}
