using System.Management.Automation;
using EdgeePS.Errors;
using static System.FormattableString;

namespace EdgeePS.Cmdlets
{
    /// <summary>Turns core failures into error records: a stable ErrorId, a specific category, and advice.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(EdgeeException error, object? target)
        {
            var record = new ErrorRecord(error, error.ErrorId, Category(error), target);
            var advice = RecommendedAction(error);
            if (advice != null)
            {
                record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = advice };
            }

            return record;
        }

        private static ErrorCategory Category(EdgeeException error)
        {
            switch (error.ErrorId)
            {
                case EdgeeErrorIds.ApiKeyMissing:
                case EdgeeErrorIds.ProxyAuthenticationFailed: return ErrorCategory.AuthenticationError;
                case EdgeeErrorIds.UnencryptedAuthenticationNotAllowed: return ErrorCategory.SecurityError;
                case EdgeeErrorIds.InputTypeNotSupported: return ErrorCategory.InvalidType;
                case EdgeeErrorIds.ConnectionFailed: return ErrorCategory.ConnectionError;
                case EdgeeErrorIds.RequestTimeout:
                case EdgeeErrorIds.StreamIdleTimeout: return ErrorCategory.OperationTimeout;
                case EdgeeErrorIds.StreamTruncated: return ErrorCategory.ProtocolError;
                case EdgeeErrorIds.StreamEventTooLarge: return ErrorCategory.LimitsExceeded;
                case EdgeeErrorIds.ModelNotFound: return ErrorCategory.ObjectNotFound;
                case EdgeeErrorIds.MalformedStreamEvent:
                case EdgeeErrorIds.UnexpectedResponse: return ErrorCategory.InvalidData;
                case EdgeeErrorIds.ToolNotFound:
                case EdgeeErrorIds.ToolParameterNotFound: return ErrorCategory.ObjectNotFound;
                case EdgeeErrorIds.ToolRoundLimitExceeded: return ErrorCategory.LimitsExceeded;
                case EdgeeErrorIds.ToolCallsFailing: return ErrorCategory.InvalidResult;
                case EdgeeErrorIds.ContextTooLarge: return ErrorCategory.LimitsExceeded;
                case EdgeeErrorIds.InvalidStructuredResponse: return ErrorCategory.InvalidResult;
                case EdgeeErrorIds.ModelRefused: return ErrorCategory.PermissionDenied;
                case EdgeeErrorIds.ChatSaveFailed: return ErrorCategory.WriteError;
                case EdgeeErrorIds.ApiError:
                case EdgeeErrorIds.UsageLimitExceeded:
                case EdgeeErrorIds.StreamErrorEvent: return ApiCategory(error as EdgeeApiException);
                default: return ErrorCategory.InvalidArgument;
            }
        }

        // The status an error stands for decides, whether the response had it or the error's code and type imply it
        // (an error inside a 200); a status outside the map falls back to what the code and type say.
        private static ErrorCategory ApiCategory(EdgeeApiException? error)
        {
            if (error is null)
            {
                return ErrorCategory.ResourceUnavailable;
            }

            if (GatewayErrorStatus.IsSpendCap(error))
            {
                return ErrorCategory.QuotaExceeded;
            }

            return StatusCategory(GatewayErrorStatus.Of(error)) ?? StatusCategory(GatewayErrorStatus.Implied(error)) ?? ErrorCategory.ResourceUnavailable;
        }

        private static ErrorCategory? StatusCategory(int? status)
        {
            switch (status)
            {
                case 400: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 408: return ErrorCategory.OperationTimeout;
                case 413:
                case 429: return ErrorCategory.LimitsExceeded;
                case int server when server >= 500: return ErrorCategory.ResourceUnavailable;
                default: return null;
            }
        }

        private static string? RecommendedAction(EdgeeException error)
        {
            switch (error.ErrorId)
            {
                case EdgeeErrorIds.ApiKeyMissing: return "Pass -ApiKey (a string or SecureString) or set $env:EDGEE_API_KEY.";
                case EdgeeErrorIds.InvalidBaseUrl: return "Pass -BaseUrl or set $env:EDGEE_BASE_URL to an absolute URL such as https://api.edgee.ai.";
                case EdgeeErrorIds.ConnectionFailed: return "Check the base URL, the network and any proxy (HTTPS_PROXY, NO_PROXY).";
                case EdgeeErrorIds.ProxyAuthenticationFailed: return "Pass -ProxyCredential with the proxy's user name and password.";
                case EdgeeErrorIds.RequestTimeout: return "Raise -TimeoutSec, or check that the gateway is reachable.";
                case EdgeeErrorIds.StreamIdleTimeout: return "Raise -IdleTimeoutSec if the model is slow to answer.";
                case EdgeeErrorIds.StreamTruncated: return "The output so far was kept; run the request again for a complete answer.";
                case EdgeeErrorIds.UsageLimitExceeded: return "The key's spend limit is used up, and waiting does not help: raise the limit in the Edgee console or use another key.";
                case EdgeeErrorIds.ModelNotFound: return "Run Get-EdgeeModel to see the ids the gateway offers.";
                case EdgeeErrorIds.ToolRoundLimitExceeded: return "Raise -MaximumToolRounds, or ask for less; the error's TargetObject holds the conversation and the tool calls so far.";
                case EdgeeErrorIds.ToolCallsFailing: return "Run the failing command yourself to see why; the error's TargetObject holds the tool calls and their errors.";
                case EdgeeErrorIds.ContextTooLarge: return "Send less (Select-Object -Last 200, or fewer properties), or raise -MaximumContextLength.";
                case EdgeeErrorIds.InvalidStructuredResponse: return "The response is in the error's TargetObject: its Text is what the model wrote. Ask again, or raise -MaxTokens if it was cut short.";
                case EdgeeErrorIds.ModelRefused: return "The model's reason is in the response's Refusal (the error's TargetObject); rephrase the request or use another model.";
            }

            if (error is EdgeeApiException api)
            {
                switch (GatewayErrorStatus.Of(api))
                {
                    case 401: return "Check the API key.";
                    case 429: return api.RetryAfter is { } wait ? Invariant($"Wait {wait.TotalSeconds:0} s, then try again.") : "Wait, then try again.";
                }
            }

            return null;
        }
    }
}
