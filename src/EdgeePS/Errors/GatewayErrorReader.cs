using System;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeePS.Errors
{
    /// <summary>
    /// Reads the gateway's error shape, <c>{"error":{"message","type","code","param"}}</c>, into an
    /// <see cref="EdgeeApiException"/> whose message keeps the SDKs' form: <c>API error {status}: {message}</c>.
    /// </summary>
    internal static class GatewayErrorReader
    {
        private const int MaxRawBodyInMessage = 2000;

        /// <summary>From an HTTP response body; a body that isn't the error JSON (an HTML 502 page) is quoted, trimmed.</summary>
        public static EdgeeApiException FromBody(int status, byte[] body, RetryConditionHeaderValue? retryAfter, string apiKey)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (TryGetError(document.RootElement, out var error))
                {
                    return FromErrorObject(EdgeeErrorIds.ApiError, status, error, ToTimeSpan(retryAfter), apiKey);
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
                ToTimeSpan(retryAfter));
        }

        public static bool TryGetError(JsonElement root, out JsonElement error)
        {
            error = default;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out error)
                && error.ValueKind == JsonValueKind.Object;
        }

        public static EdgeeApiException FromErrorObject(string errorId, int status, JsonElement error, TimeSpan? retryAfter, string apiKey)
        {
            // Every field the gateway wrote may echo the key back, not only the message.
            string? Field(string name) => Text(error, name) is string text ? SecretMasker.Hide(text, apiKey) : null;
            return new EdgeeApiException(
                errorId,
                $"API error {status}: {Field("message") ?? SecretMasker.Hide(error.GetRawText(), apiKey)}",
                status,
                Field("type"),
                Field("code"),
                Field("param"),
                retryAfter);
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

        private static TimeSpan? ToTimeSpan(RetryConditionHeaderValue? retryAfter)
        {
            if (retryAfter?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (retryAfter?.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }
    }
}
