using System;

namespace EdgeePS
{
    /// <summary>
    /// The gateway answered with an error: an HTTP error status, a 200 whose body is an error object,
    /// or an error event in the middle of a stream.
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
            TimeSpan? retryAfter)
            : base(errorId, message)
        {
            StatusCode = statusCode;
            ErrorType = errorType;
            ErrorCode = errorCode;
            Param = param;
            RetryAfter = retryAfter;
        }

        public int StatusCode { get; }

        /// <summary>The gateway's <c>error.type</c>, e.g. <c>rate_limit_error</c>.</summary>
        public string? ErrorType { get; }

        /// <summary>The gateway's <c>error.code</c>, e.g. <c>model_not_found</c>.</summary>
        public string? ErrorCode { get; }

        public string? Param { get; }

        /// <summary>How long the gateway asked us to wait (<c>Retry-After</c>), when it said.</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
