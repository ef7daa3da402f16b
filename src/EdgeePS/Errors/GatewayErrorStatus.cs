namespace EdgeePS.Errors
{
    /// <summary>
    /// The HTTP status a gateway error stands for. An error status speaks for itself; an error object inside a 200 (a
    /// whole answer's body, or a stream's event) says what it is only by its code and type, which map to the status
    /// the gateway gives such errors. Categories and retries go by this status, so both forms of a refusal are
    /// treated alike.
    /// </summary>
    internal static class GatewayErrorStatus
    {
        /// <summary>A spend cap on the key, member or team: sent as 429, but waiting does not cure it.</summary>
        public const string SpendCapCode = "usage_limit_exceeded";

        /// <summary>The response's own status when it is an error status; otherwise the one the code or type implies.</summary>
        public static int? Of(EdgeeApiException error) =>
            error.StatusCode >= 400 ? error.StatusCode : Implied(error);

        /// <summary>What the error's code (the more specific) or else its type implies; null when neither is known.</summary>
        public static int? Implied(EdgeeApiException error) => ByCode(error.ErrorCode) ?? ByType(error.ErrorType);

        public static bool IsSpendCap(EdgeeApiException error) => error.ErrorCode == SpendCapCode;

        private static int? ByCode(string? code)
        {
            switch (code)
            {
                case "invalid_json":
                case "bad_model_id": return 400;
                case "unauthorized":
                case "invalid_api_key": return 401;
                case "forbidden": return 403;
                case "not_found":
                case "model_not_found": return 404;
                case "body_too_large": return 413;
                case SpendCapCode:
                case "rate_limit_exceeded": return 429;
                case "internal_error": return 500;
                default: return null;
            }
        }

        private static int? ByType(string? type)
        {
            switch (type)
            {
                case "invalid_request_error": return 400;
                case "authentication_error": return 401;
                case "permission_error": return 403;
                case "not_found_error": return 404;
                case "rate_limit_error": return 429;
                case "server_error": return 500;
                // An upstream provider failed behind the gateway: a bad gateway, as transient as one.
                case "provider_error": return 502;
                default: return null;
            }
        }
    }
}
