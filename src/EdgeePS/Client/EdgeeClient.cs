using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeePS.Serialization;

namespace EdgeePS.Client
{
    /// <summary>Talks to the gateway's chat completions endpoint. Knows nothing of PowerShell.</summary>
    internal sealed class EdgeeClient
    {
        private const string ProviderHeader = "X-Edgee-Provider";
        private const string FallbackHeader = "X-Edgee-Fallback-Used";
        private const int MaxErrorBodyBytes = 64 * 1024;

        private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        private readonly EdgeeClientOptions _options;
        private readonly HttpClient _http;

        public EdgeeClient(EdgeeClientOptions options)
        {
            _options = options;
            _http = SharedHttpClient.For(options.Proxy, options.ProxyCredential);
        }

        public async Task<CompletionResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
        {
            using var response = await SendAsync(HttpMethod.Post, _options.Endpoint.ChatCompletions, request.Body, "application/json", cancellationToken).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, int.MaxValue, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            RejectErrorBody(status, body);

            CompletionResponse? completion;
            try
            {
                completion = JsonSerializer.Deserialize(body, EdgeeJsonContext.Default.CompletionResponse);
            }
            catch (JsonException error)
            {
                throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, $"The gateway's answer is not a chat completion: {error.Message}", error);
            }

            if (completion is null)
            {
                throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, "The gateway answered with an empty (null) completion.");
            }

            completion.Provider = Header(response, ProviderHeader);
            completion.FallbackUsed = Header(response, FallbackHeader) == "1";
            return completion;
        }

        public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken)
        {
            using var response = await SendAsync(HttpMethod.Get, _options.Endpoint.Models, null, "application/json", cancellationToken).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, int.MaxValue, cancellationToken).ConfigureAwait(false);
            RejectErrorBody((int)response.StatusCode, body);
            try
            {
                return JsonSerializer.Deserialize(body, EdgeeJsonContext.Default.ModelList)?.Data
                    ?? throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, "The gateway answered the model listing with null.");
            }
            catch (JsonException error)
            {
                throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, $"The gateway's model listing is not valid: {error.Message}", error);
            }
        }

        /// <summary>Sends a streaming request and returns once the response headers are in.</summary>
        public async Task<ChatCompletionStream> OpenStreamAsync(ChatRequest request, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Post, _options.Endpoint.ChatCompletions, request.Body, "text/event-stream", cancellationToken).ConfigureAwait(false);
            try
            {
                if (response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    // A gateway that rejects the request without an error status still answers in JSON.
                    var body = await ReadBodyAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
                    RejectErrorBody((int)response.StatusCode, body);
                    throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, "The gateway answered a streaming request with JSON instead of an event stream.");
                }

                var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                return new ChatCompletionStream(response, stream, _options.IdleTimeout, _options.ApiKey, cancellationToken, _options.MaxEventBytes)
                {
                    Provider = Header(response, ProviderHeader),
                    FallbackUsed = Header(response, FallbackHeader) == "1",
                };
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Sends until a response with a success status arrives, retrying what <see cref="RetryPolicy"/> allows.
        /// Nothing of a body has reached the caller yet, so a retry cannot duplicate output.
        /// </summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? body, string accept, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await SendOnceAsync(method, uri, body, accept, cancellationToken).ConfigureAwait(false);
                }
                catch (EdgeeException error) when (attempt <= _options.MaximumRetryCount && RetryPolicy.IsRetryable(error))
                {
                    var wait = RetryPolicy.Wait(attempt, _options.RetryInterval, (error as EdgeeApiException)?.RetryAfter);
                    _options.Log?.Invoke(
                        $"Attempt {attempt} of {_options.MaximumRetryCount + 1} failed ({RetryReason(error)}); retrying in {wait.TotalSeconds:0.###} s.");
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, byte[]? body, string accept, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(method, uri);
            if (body != null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = JsonContentType;
            }

            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);

            using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_options.ResponseTimeout is TimeSpan timeout)
            {
                headersTimeout.CancelAfter(timeout);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.RequestTimeout,
                    $"No response from {_options.Endpoint} within {_options.ResponseTimeout?.TotalSeconds:0.###} s.",
                    error);
            }
            catch (HttpRequestException error)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.ConnectionFailed,
                    SecretMasker.Hide($"Could not reach the gateway at {_options.Endpoint}: {WithInnermostCause(error)}", _options.ApiKey),
                    error);
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    var errorBody = await ReadBodyAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
                    throw GatewayErrorReader.FromBody((int)response.StatusCode, errorBody, response.Headers.RetryAfter, _options.ApiKey);
                }
            }

            return response;
        }

        private void RejectErrorBody(int status, byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (GatewayErrorReader.TryGetError(document.RootElement, out var error))
                {
                    throw GatewayErrorReader.FromErrorObject(EdgeeErrorIds.ApiError, status, error, null, _options.ApiKey);
                }
            }
            catch (JsonException)
            {
                // Not JSON at all; the caller's own parse reports it.
            }
        }

        private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
        {
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var buffer = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                while (buffer.Length < limit && (read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
            catch (Exception error) when ((error is IOException || error is HttpRequestException) && !cancellationToken.IsCancellationRequested)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.ConnectionFailed,
                    $"The connection to {_options.Endpoint} was lost while reading the response: {error.Message}",
                    error);
            }
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private static string RetryReason(EdgeeException error) =>
            error is EdgeeApiException api ? $"HTTP {api.StatusCode}{(api.ErrorType is null ? string.Empty : " " + api.ErrorType)}" : error.ErrorId;

        // HttpRequestException's own message is often just "An error occurred while sending the request".
        private static string WithInnermostCause(Exception error)
        {
            var innermost = error;
            while (innermost.InnerException != null)
            {
                innermost = innermost.InnerException;
            }

            return error.Message.Contains(innermost.Message) ? error.Message : $"{error.Message} ({innermost.Message})";
        }
    }
}
