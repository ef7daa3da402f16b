using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using EdgeePS.Errors;
using EdgeePS.Requests;
using EdgeePS.Serialization;
using EdgeePS.Settings;
using EdgeePS.Streaming;
using static System.FormattableString;

namespace EdgeePS.Transport
{
    /// <summary>
    /// Talks to the gateway. Knows nothing of PowerShell. Each operation is one attempt — the request plus as
    /// much of the answer as must arrive before anything can reach the caller — wrapped in one retry loop, so a
    /// retry can never duplicate output. Everything is synchronous, on the caller's thread, so the caller's
    /// narration callback (retries) runs on the caller's own thread. Stops and timeouts abort a wait by closing
    /// the connection.
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
        public CompletionResponse Complete(ChatRequest request, CancellationToken cancellationToken) =>
            WithRetries(attempt =>
            {
                using var response = SendOnce(HttpMethod.Post, _options.Endpoint.ChatCompletions, request.Body, "application/json", attempt, cancellationToken);
                var completion = Parse(response, ReadBody(response, int.MaxValue, cancellationToken), EdgeeJsonContext.Default.CompletionResponse, "a chat completion");
                completion.Provider = Header(response, ProviderHeader);
                completion.FallbackUsed = Header(response, FallbackHeader) == "1";
                return completion;
            }, cancellationToken);

        public IReadOnlyList<ModelInfo> ListModels(CancellationToken cancellationToken) =>
            WithRetries<IReadOnlyList<ModelInfo>>(attempt =>
            {
                using var response = SendOnce(HttpMethod.Get, _options.Endpoint.Models, null, "application/json", attempt, cancellationToken);
                var body = ReadBody(response, int.MaxValue, cancellationToken);
                return Parse(response, body, EdgeeJsonContext.Default.ModelList, "a model listing").Data;
            }, cancellationToken);

        /// <summary>
        /// A streamed completion: the attempt ends when the first event has arrived. A connection lost between the
        /// headers and the first bytes is retried, and so is an error sent as the first event (a refusal in a 200,
        /// by the rules of the status it stands for); nothing has reached the caller yet.
        /// </summary>
        public ChatCompletionStream OpenStream(ChatRequest request, CancellationToken cancellationToken) =>
            WithRetries(attempt =>
            {
                var response = SendOnce(HttpMethod.Post, _options.Endpoint.ChatCompletions, request.Body, "text/event-stream", attempt, cancellationToken);
                try
                {
                    if (response.Content.Headers.ContentType?.MediaType == "application/json")
                    {
                        // A gateway that rejects the request without an error status still answers in JSON.
                        var body = ReadBody(response, MaxErrorBodyBytes, cancellationToken);
                        RejectErrorBody(response, body);
                        throw new EdgeeException(EdgeeErrorIds.UnexpectedResponse, "The gateway answered a streaming request with JSON instead of an event stream.");
                    }

                    var rest = ReadAsStream(response);
                    var first = ReadFirstBytes(response, rest, cancellationToken);
                    var stream = new ChatCompletionStream(
                        response, new PrefixedStream(first, rest), _options.IdleTimeout, _options.ApiKey, cancellationToken, _options.MaxEventBytes, _options.Clock)
                    {
                        Provider = Header(response, ProviderHeader),
                        FallbackUsed = Header(response, FallbackHeader) == "1",
                    };
                    try
                    {
                        if (stream.PeekFirstEvent() is { Kind: StreamEventKind.GatewayError, Error: EdgeeApiException refusal })
                        {
                            throw refusal;
                        }

                        return stream;
                    }
                    catch
                    {
                        stream.Dispose();
                        throw;
                    }
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }, cancellationToken);

        private T WithRetries<T>(Func<int, T> tryOnce, CancellationToken cancellationToken)
        {
            var gate = _options.RetryGate;
            for (var attempt = 1; ; attempt++)
            {
                gate?.WaitUntilOpen(cancellationToken);
                try
                {
                    return tryOnce(attempt);
                }
                catch (EdgeeException error) when (attempt <= _options.MaximumRetryCount && RetryPolicy.IsRetryable(error))
                {
                    var wait = RetryPolicy.Wait(attempt, _options.RetryInterval, (error as EdgeeApiException)?.RetryAfter);
                    _options.Log?.Invoke(Invariant($"Attempt {attempt} of {_options.MaximumRetryCount + 1} failed ({RetryReason(error)}); retrying in {wait.TotalSeconds:0.###} s."));
                    if (gate != null && RetryPolicy.IsRateLimit(error))
                    {
                        // The whole batch waits, this request with it, at the gate before the next attempt.
                        if (gate.Close(wait))
                        {
                            _options.Log?.Invoke(Invariant($"Every request of the batch pauses until {wait.TotalSeconds:0.###} s from now."));
                        }
                    }
                    else
                    {
                        ClockWait.Sleep(_options.Clock, wait, cancellationToken);
                    }
                }
            }
        }

        private HttpResponseMessage SendOnce(
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
            using var headersTimer = new CancellationTimer(_options.Clock, headersTimeout);
            headersTimer.Arm(_options.ResponseTimeout ?? Timeout.InfiniteTimeSpan);

            HttpResponseMessage response;
            try
            {
#if NET
                response = _http.Send(message, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
#else
                // .NET Framework's HttpClient has no synchronous send.
                response = _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token).GetAwaiter().GetResult();
#endif
            }
            catch (Exception error) when (cancellationToken.IsCancellationRequested && !(error is OperationCanceledException))
            {
                // Ctrl+C closed the connection under the request; that is a stop, not a network failure.
                throw new OperationCanceledException("Stopped.", error, cancellationToken);
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

                var errorBody = ReadBody(response, MaxErrorBodyBytes, cancellationToken);
                throw GatewayErrorReader.FromBody(status, errorBody, RetryAfter(response), _options.ApiKey);
            }
        }

        /// <summary>Waits (as long as the idle timeout allows) for the body's first bytes.</summary>
        private byte[] ReadFirstBytes(HttpResponseMessage response, Stream body, CancellationToken cancellationToken) =>
            ReadWithinIdleTimeout(response, "after the response headers, before any data", cancellationToken, armIdleTimeout =>
            {
                var buffer = new byte[FirstReadBytes];
                armIdleTimeout();
                var read = body.Read(buffer, 0, buffer.Length);
                return read == buffer.Length ? buffer : buffer.Take(read).ToArray();
            });

        private T Parse<T>(HttpResponseMessage response, byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
            where T : class
        {
            RejectErrorBody(response, body);
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

        /// <summary>A success whose body is the error object is a refusal, as an error status would be.</summary>
        private void RejectErrorBody(HttpResponseMessage response, byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (GatewayErrorReader.TryGetError(document.RootElement, out var error))
                {
                    throw GatewayErrorReader.FromErrorObject((int)response.StatusCode, error, RetryAfter(response), _options.ApiKey);
                }
            }
            catch (JsonException)
            {
                // Not JSON at all; the caller's own parse reports it.
            }
        }

        /// <summary>Reads a whole body; the idle timeout bounds each wait for more of it, so a stalled answer cannot hang.</summary>
        private byte[] ReadBody(HttpResponseMessage response, int limit, CancellationToken cancellationToken) =>
            ReadWithinIdleTimeout(response, "while reading the response", cancellationToken, armIdleTimeout =>
            {
                using var stream = ReadAsStream(response);
                using var buffer = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                do
                {
                    armIdleTimeout();
                    read = stream.Read(chunk, 0, chunk.Length);
                    buffer.Write(chunk, 0, read);
                }
                while (read > 0 && buffer.Length < limit);

                return buffer.ToArray();
            });

        /// <summary>
        /// Runs blocking reads of a response, each preceded by arming the idle timeout, and says what a failure
        /// meant. A synchronous read knows no token: closing the response is what ends one that waits too long or
        /// that Ctrl+C stops. <paramref name="during"/> names the moment for the messages.
        /// </summary>
        private T ReadWithinIdleTimeout<T>(HttpResponseMessage response, string during, CancellationToken cancellationToken, Func<Action, T> read)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var idleTimer = new CancellationTimer(_options.Clock, idle);
            using var abortOnCancel = idle.Token.Register(response.Dispose);
            try
            {
                return read(() => idleTimer.Arm(_options.IdleTimeout));
            }
            catch (Exception error) when (cancellationToken.IsCancellationRequested && !(error is OperationCanceledException))
            {
                // Ctrl+C closed the connection under the read; that is a stop, not a network failure.
                throw new OperationCanceledException("Stopped.", error, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && idle.IsCancellationRequested)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.StreamIdleTimeout,
                    Invariant($"The gateway sent nothing for {_options.IdleTimeout.TotalSeconds:0.###} s {during}; the answer was abandoned."),
                    error);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && (error is IOException || error is HttpRequestException || error is ObjectDisposedException))
            {
                throw new EdgeeException(
                    EdgeeErrorIds.ConnectionFailed,
                    $"The connection to {_options.Endpoint} was lost {during}: {error.Message}",
                    error);
            }
        }

        private static Stream ReadAsStream(HttpResponseMessage response) =>
#if NET
            response.Content.ReadAsStream();
#else
            response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
#endif

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private TimeSpan? RetryAfter(HttpResponseMessage response) =>
            GatewayErrorReader.RetryAfter(response.Headers.RetryAfter, _options.Clock.GetUtcNow());

        private static string RetryReason(EdgeeException error)
        {
            if (!(error is EdgeeApiException api))
            {
                return error.ErrorId;
            }

            var type = api.ErrorType is null ? string.Empty : " " + api.ErrorType;
            return api.StatusCode >= 400 ? $"HTTP {api.StatusCode}{type}"
                : api.InStream ? $"error event{type} before any chunk"
                : $"error{type} in an HTTP {api.StatusCode} answer";
        }

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
