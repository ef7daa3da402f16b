using System;

namespace EdgeePS
{
    /// <summary>
    /// The gateway answered with an error: an HTTP error status, a 200 whose body is an error object, or an error
    /// event in a stream (before any chunk: a refusal, retried as its status would be; after one: the stream ends).
    /// </summary>
    public sealed class EdgeeApiException : EdgeeException
    {
        public EdgeeApiException(
            string errorId,
            string message,
            int statusCode,
            string? errorType,
            string? errorCode,
            string? param,
            TimeSpan? retryAfter,
            bool inStream = false)
            : base(errorId, message)
        {
            InStream = inStream;
            StatusCode = statusCode;
            ErrorType = errorType;
            ErrorCode = errorCode;
            Param = param;
            RetryAfter = retryAfter;
        }

        /// <summary>The HTTP status of the response that carried the error: 200 when it came in a success's body or stream.</summary>
        public int StatusCode { get; }

        /// <summary>True when the error came as an event of an event stream rather than as a response body.</summary>
        public bool InStream { get; }

        /// <summary>The gateway's <c>error.type</c>, e.g. <c>rate_limit_error</c>.</summary>
        public string? ErrorType { get; }

        /// <summary>The gateway's <c>error.code</c>, e.g. <c>model_not_found</c>.</summary>
        public string? ErrorCode { get; }

        public string? Param { get; }

        /// <summary>How long the gateway asked us to wait (<c>Retry-After</c>), when it said.</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
