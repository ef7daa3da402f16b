using System.Globalization;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// The gateway refusing a request: an HTTP error status with its JSON error body or, in stream form, a
    /// 200 response whose first event (or whole body, for a request that does not stream) is the error object,
    /// as some OpenAI-compatible servers refuse.
    /// </summary>
    internal sealed class SimulatedRefusal
    {
        public SimulatedRefusal(int status, string? errorType, string? message, string? code, int? retryAfterSeconds, bool inStream)
        {
            Status = status;
            ErrorType = errorType ?? DefaultType(status);
            Message = message ?? DefaultMessage(status);
            Code = code ?? DefaultCode(status);
            RetryAfterSeconds = retryAfterSeconds;
            InStream = inStream;
        }

        /// <summary>The HTTP status the error stands for (sent as the status unless <see cref="InStream"/>).</summary>
        public int Status { get; }

        public string ErrorType { get; }

        public string Message { get; }

        public string? Code { get; }

        public int? RetryAfterSeconds { get; }

        /// <summary>Answer 200 and put the error in the body instead of the status line.</summary>
        public bool InStream { get; }

        /// <summary>The error object in the gateway's shape: <c>{"error":{"message","type","code"}}</c>.</summary>
        public string ErrorJson => ScriptedResponse.ErrorJson(ErrorType, Message, Code);

        public ScriptedResponse RespondTo(RecordedRequest request)
        {
            var error = ErrorJson;
            ScriptedResponse response;
            if (!InStream)
            {
                response = ScriptedResponse.Json(Status, error);
            }
            else if (ChatRequestFacts.Of(request)?.Streams == true)
            {
                // One error event, then the end of the body: no [DONE].
                response = ScriptedResponse.EventStream().Write(ScriptedResponse.SseEvent(error));
            }
            else
            {
                response = ScriptedResponse.Json(200, error);
            }

            return RetryAfterSeconds is int seconds ? response.Header("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)) : response;
        }

        /// <summary>The error type the gateway sends with each status.</summary>
        public static string DefaultType(int status)
        {
            switch (status)
            {
                case 401: return "authentication_error";
                case 403: return "permission_error";
                case 404: return "not_found_error";
                case 429: return "rate_limit_error";
                case 502:
                case 504: return "provider_error";
                default: return status >= 500 || status == 408 ? "server_error" : "invalid_request_error";
            }
        }

        private static string DefaultMessage(int status)
        {
            switch (status)
            {
                case 400: return "The request is invalid";
                case 401: return "Missing or invalid API key";
                case 403: return "This key may not use this model";
                case 404: return "The model does not exist";
                case 408: return "The request timed out";
                case 429: return "Too many requests, slow down";
                case 502: return "The upstream provider failed";
                case 503: return "The service is unavailable";
                case 504: return "The upstream provider timed out";
                default: return status >= 500 ? "Internal server error" : "The request was refused";
            }
        }

        private static string? DefaultCode(int status)
        {
            switch (status)
            {
                case 401: return "unauthorized";
                case 403: return "forbidden";
                case 404: return "model_not_found";
                case 429: return "rate_limit_exceeded";
                case 500: return "internal_error";
                default: return null;
            }
        }
    }
}
