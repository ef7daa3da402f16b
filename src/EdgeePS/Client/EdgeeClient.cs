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
using static System.FormattableString;

namespace EdgeePS.Client
{
    /// <summary>
    /// Talks to the gateway. Knows nothing of PowerShell. Each operation is one attempt — the request plus as
    /// much of the answer as must arrive before anything can reach the caller — wrapped in one retry loop, so a
    /// retry can never duplicate output.
    /// </summary>
    internal sealed class EdgeeClient
    {
        private const string ProviderHeader = "X-Edgee-Provider";
        private const string FallbackHeader = "X-Edgee-Fallback-Used";
        private const int MaxErrorBodyBytes = 64 * 1024;
        private const int FirstReadBytes = 16 * 1024;

        private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        private readonly EdgeeClientOptions _options;
        private readonly HttpClient _http;

        public EdgeeClient(EdgeeClientOptions options)
        {
            _options = options;
            _http = SharedHttpClient.For(options.Proxy, options.ProxyCredential);
        }

        /// <summary>A whole completion: the attempt ends when the full body has been read and parsed.</summary>
        public Task<CompletionResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken) =>
            WithRetriesAsync(async attempt =>
            {
                using var response = await SendOnceAsync(HttpMethod.Post, _options.Endpoint.ChatCompletions, request.Body, "application/json", attempt, cancellationToken).ConfigureAwait(false);
                var completion = Parse(await ReadBodyAsync(response, int.MaxValue, cancellationToken).ConfigureAwait(false), (int)response.StatusCode, EdgeeJsonContext.Default.CompletionResponse, "a chat completion");
                completion.Provider = Header(response, ProviderHeader);
                completion.FallbackUsed = Header(response, FallbackHeader) == "1";
                return completion;
            }, cancellationToken);

        public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken) =>
            WithRetriesAsync<IReadOnlyList<ModelInfo>>(async attempt =>
            {
                using var response = await SendOnceAsync(HttpMethod.Get, _options.Endpoint.Models, null, "application/json", attempt, cancellationToken).ConfigureAwait(false);
                var body = await ReadBodyAsync(response, int.MaxValue, cancellationToken).ConfigureAwait(false);
                return Parse(body, (int)response.StatusCode, EdgeeJsonContext.Default.ModelList, "a model listing").Data;
            }, cancellationToken);

        /// <summary>
        /// A streamed completion: the attempt ends when the first bytes of the body have arrived, so a connection
        /// lost between the headers and the first event is retried too.
        /// </summary>
        public Task<ChatCompletionStream> OpenStreamAsync(ChatRequest request, CancellationToken cancellationToken) =>
            WithRetriesAsync(async attempt =>
            {
                var response = await SendOnceAsync(HttpMethod.Post, _options.Endpoint.ChatCompletions, request.Body, "text/event-stream", attempt, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (response.Content.Headers.ContentType?.MediaType == "application/json")
                    {
                        // A gateway that rejects the request without an error status still answers in JSON.
                        var body = await ReadBodyAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
                        RejectErrorBody((int)response.StatusCode, body);
                        throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, "The gateway answered a streaming request with JSON instead of an event stream.");
                    }

                    var rest = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    var first = await ReadFirstBytesAsync(response, rest, cancellationToken).ConfigureAwait(false);
                    return new ChatCompletionStream(response, new PrefixedStream(first, rest), _options.IdleTimeout, _options.ApiKey, cancellationToken, _options.MaxEventBytes)
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
            }, cancellationToken);

        private async Task<T> WithRetriesAsync<T>(Func<int, Task<T>> attemptAsync, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await attemptAsync(attempt).ConfigureAwait(false);
                }
                catch (EdgeeException error) when (attempt <= _options.MaximumRetryCount && RetryPolicy.IsRetryable(error))
                {
                    var wait = RetryPolicy.Wait(attempt, _options.RetryInterval, (error as EdgeeApiException)?.RetryAfter);
                    _options.Log?.Invoke(Invariant($"Attempt {attempt} of {_options.MaximumRetryCount + 1} failed ({RetryReason(error)}); retrying in {wait.TotalSeconds:0.###} s."));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(
            HttpMethod method, Uri uri, byte[]? body, string accept, int attempt, CancellationToken cancellationToken)
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
                    Invariant($"No response from {_options.Endpoint} within {_options.ResponseTimeout?.TotalSeconds:0.###} s."),
                    error);
            }
            catch (HttpRequestException error)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.ConnectionFailed,
                    SecretMasker.Hide($"Could not reach the gateway at {_options.Endpoint}: {WithInnermostCause(error)}", _options.ApiKey),
                    error);
            }

            var status = (int)response.StatusCode;
            _options.Log?.Invoke(Invariant($"Attempt {attempt} of {_options.MaximumRetryCount + 1}: HTTP {status} from {method} {uri}."));
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (status == 407)
                {
                    throw new EdgeeException(
                        EdgeeErrorIds.ProxyAuthenticationFailed,
                        $"The proxy {_options.Proxy?.ToString() ?? "set in the environment"} refused the request (HTTP 407): it needs valid -ProxyCredential.");
                }

                var errorBody = await ReadBodyAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
                throw GatewayErrorReader.FromBody(status, errorBody, response.Headers.RetryAfter, _options.ApiKey);
            }
        }

        /// <summary>Waits (as long as the idle timeout allows) for the body's first bytes.</summary>
        private async Task<byte[]> ReadFirstBytesAsync(HttpResponseMessage response, Stream body, CancellationToken cancellationToken)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(_options.IdleTimeout);

            // Some stream implementations (.NET Framework's) ignore cancellation tokens; disposing always aborts.
            using var abortOnCancel = idle.Token.Register(response.Dispose);
            var buffer = new byte[FirstReadBytes];
            try
            {
                var read = await body.ReadAsync(buffer, 0, buffer.Length, idle.Token).ConfigureAwait(false);
                return read == buffer.Length ? buffer : buffer.Take(read).ToArray();
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && idle.IsCancellationRequested)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.StreamIdleTimeout,
                    Invariant($"The stream sent no data for {_options.IdleTimeout.TotalSeconds:0.###} s after its headers and was abandoned."),
                    error);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && (error is IOException || error is HttpRequestException || error is ObjectDisposedException))
            {
                throw new EdgeeException(
                    EdgeeErrorIds.ConnectionFailed,
                    $"The connection to {_options.Endpoint} was lost after the response headers, before any data: {error.Message}",
                    error);
            }
        }

        private T Parse<T>(byte[] body, int status, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
            where T : class
        {
            RejectErrorBody(status, body);
            try
            {
                return JsonSerializer.Deserialize(body, type)
                    ?? throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, $"The gateway answered with null instead of {what}.");
            }
            catch (JsonException error)
            {
                throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, $"The gateway's answer is not {what}: {error.Message}", error);
            }
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

        /// <summary>Reads a whole body; the idle timeout bounds each wait for more of it, so a stalled answer cannot hang.</summary>
        private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var abortOnCancel = idle.Token.Register(response.Dispose);
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var buffer = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                do
                {
                    idle.CancelAfter(_options.IdleTimeout);
                    read = await stream.ReadAsync(chunk, 0, chunk.Length, idle.Token).ConfigureAwait(false);
                    buffer.Write(chunk, 0, read);
                }
                while (read > 0 && buffer.Length < limit);

                return buffer.ToArray();
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && idle.IsCancellationRequested)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.StreamIdleTimeout,
                    Invariant($"The gateway sent nothing for {_options.IdleTimeout.TotalSeconds:0.###} s while answering; the answer was abandoned."),
                    error);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && (error is IOException || error is HttpRequestException))
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
