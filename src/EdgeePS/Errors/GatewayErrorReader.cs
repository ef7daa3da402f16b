using System;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeePS.Errors
{
    /// <summary>
    /// Reads the gateway's error shape, <c>{"error":{"message","type","code","param"}}</c>, into an
    /// <see cref="EdgeeApiException"/>. With an error status the message keeps the SDKs' form, <c>API error {status}:
    /// {message}</c>; an error inside a 200 (a body or a stream event) names what the gateway said instead of the
    /// status that carried it: <c>API error ({type}, {code}): {message}</c>.
    /// </summary>
    internal static class GatewayErrorReader
    {
        private const int MaxRawBodyInMessage = 2000;

        /// <summary>From an HTTP error response's body; a body that isn't the error JSON (an HTML 502 page) is quoted, trimmed.</summary>
        public static EdgeeApiException FromBody(int status, byte[] body, TimeSpan? retryAfter, string apiKey)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (TryGetError(document.RootElement, out var error))
                {
                    return FromErrorObject(status, error, retryAfter, apiKey);
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall through and quote the body.
            }

            // Mask before cutting: a key straddling the cut would otherwise show in part.
            var raw = SecretMasker.Hide(Encoding.UTF8.GetString(body).Trim(), apiKey);
            if (raw.Length > MaxRawBodyInMessage)
            {
                raw = raw.Substring(0, MaxRawBodyInMessage) + "…";
            }

            return new EdgeeApiException(
                EdgeeErrorIds.ApiError,
                $"API error {status}: {(raw.Length == 0 ? "(empty body)" : raw)}",
                status,
                errorType: null,
                errorCode: null,
                param: null,
                retryAfter);
        }

        public static bool TryGetError(JsonElement root, out JsonElement error)
        {
            error = default;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out error)
                && error.ValueKind == JsonValueKind.Object;
        }

        /// <param name="status">The HTTP status of the response that carried the error.</param>
        /// <param name="inStream">The error came as a stream event.</param>
        /// <param name="answerBegun">Chunks came before it: the stream ends (StreamErrorEvent) rather than being refused.</param>
        public static EdgeeApiException FromErrorObject(
            int status, JsonElement error, TimeSpan? retryAfter, string apiKey, bool inStream = false, bool answerBegun = false)
        {
            // Every field the gateway wrote may echo the key back, not only the message.
            string? Field(string name) => Text(error, name) is string text ? SecretMasker.Hide(text, apiKey) : null;
            var type = Field("type");
            var code = Field("code");
            var errorId = answerBegun ? EdgeeErrorIds.StreamErrorEvent
                : code == GatewayErrorStatus.SpendCapCode ? EdgeeErrorIds.UsageLimitExceeded
                : EdgeeErrorIds.ApiError;
            return new EdgeeApiException(
                errorId,
                $"API error{Origin(status, type, code)}: {Field("message") ?? SecretMasker.Hide(error.GetRawText(), apiKey)}",
                status,
                type,
                code,
                Field("param"),
                retryAfter,
                inStream);
        }

        /// <summary>How long a <c>Retry-After</c> header asks to wait, a date counted from <paramref name="now"/>.</summary>
        public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
        {
            if (header?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (header?.Date is DateTimeOffset date)
            {
                var wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        // An error status says what happened; a 200 around an error object says nothing, so name the type and code.
        private static string Origin(int status, string? type, string? code)
        {
            if (status >= 400)
            {
                return " " + status;
            }

            var said = type != null && code != null ? type + ", " + code : type ?? code;
            return said is null ? string.Empty : " (" + said + ")";
        }

        private static string? Text(JsonElement error, string name)
        {
            if (!error.TryGetProperty(name, out var value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Null: return null;
                default: return value.GetRawText();
            }
        }
    }
}
