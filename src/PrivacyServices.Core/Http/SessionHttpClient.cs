using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Tokens;

namespace PrivacyServices.Http
{
    /// <summary>
    /// The one way API calls leave the module: adds the bearer token and provider headers, refreshes the token and
    /// retries once on 401, waits out 429/503 (Retry-After, else backoff with jitter), retries other transient failures
    /// only for idempotent methods, and turns every failure into a <see cref="PrivacyServiceException"/>.
    /// </summary>
    public sealed class SessionHttpClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly TokenCache _tokens;
        private readonly IReadOnlyDictionary<string, string> _providerHeaders;
        private readonly TimeProvider _time;
        private readonly Uri? _relativeBase;
        private readonly ErrorFormat _errorFormat;
        private long _callCount;
        private int _disposed;

        public SessionHttpClient(
            HttpClient http,
            TokenCache tokens,
            Uri? apiBaseUri,
            IReadOnlyDictionary<string, string>? providerHeaders,
            RetryPolicy retry,
            TimeSpan requestTimeout,
            TimeProvider? time = null,
            ErrorFormat? errorFormat = null)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            if (apiBaseUri != null)
            {
                TransportPolicy.EnsureSecure(apiBaseUri, "ApiBaseUri");
            }

            ApiBaseUri = apiBaseUri;
            _relativeBase = apiBaseUri == null ? null : new Uri(apiBaseUri.AbsoluteUri.TrimEnd('/') + "/");
            _providerHeaders = providerHeaders ?? new Dictionary<string, string>();
            Retry = retry ?? throw new ArgumentNullException(nameof(retry));
            RequestTimeout = requestTimeout;
            _time = time ?? TimeProvider.System;
            _errorFormat = errorFormat ?? ErrorFormat.Common;
        }

        /// <summary>Null for a session made for tokens only: every API call then fails with an error naming -ApiBaseUri.</summary>
        public Uri? ApiBaseUri { get; }
        public RetryPolicy Retry { get; }
        public TimeSpan RequestTimeout { get; }

        /// <summary>How many HTTP requests (attempts included) this client has sent.</summary>
        public long CallCount => Interlocked.Read(ref _callCount);

        /// <summary>Resolves <paramref name="relativeOrAbsolute"/> against the API base; an absolute URI must be on the API host.</summary>
        public Uri Resolve(string relativeOrAbsolute)
        {
            if (Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                EnsureSameHost(absolute);
                return absolute;
            }

            return new Uri(_relativeBase ?? RequireApiBase(), relativeOrAbsolute.TrimStart('/'));
        }

        /// <summary>Sends the request; the caller owns (and disposes) the successful response.</summary>
        public async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            EnsureSameHost(request.Uri);
            var started = _time.GetUtcNow();
            var retried = 0;
            var authenticationRetried = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Volatile.Read(ref _disposed) == 1)
                {
                    throw PrivacyServiceException.Disconnected();
                }

                var (token, _) = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                HttpResponseMessage? response = null;
                Exception? transportFailure = null;
                var stopwatch = Stopwatch.StartNew();
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                using (var message = BuildMessage(request, token))
                {
                    timeout.CancelAfter(RequestTimeout);
                    Interlocked.Increment(ref _callCount);
                    try
                    {
                        response = await _http.SendAsync(
                            message,
                            request.StreamResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                            timeout.Token).ConfigureAwait(false);
                    }
                    catch (Exception) when (Volatile.Read(ref _disposed) == 1 && !cancellationToken.IsCancellationRequested)
                    {
                        throw PrivacyServiceException.Disconnected();
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        transportFailure = new TimeoutException($"no answer within {RequestTimeout.TotalSeconds:0.#} s");
                    }
                    catch (HttpRequestException ex)
                    {
                        transportFailure = ex;
                    }
                }

                if (transportFailure != null)
                {
                    PrivacyTrace.Verbose($"{request.Describe()} → {transportFailure.GetType().Name}: {transportFailure.Message} after {stopwatch.ElapsedMilliseconds} ms");
                    if (RetryPolicy.IsIdempotent(request.Method) && await WaitBeforeRetryAsync(retried, null, started, request, cancellationToken).ConfigureAwait(false))
                    {
                        retried++;
                        continue;
                    }

                    throw TransportError(request, transportFailure, retried);
                }

                var status = response!.StatusCode;
                if (PrivacyTrace.IsEnabled)
                {
                    PrivacyTrace.Verbose($"{request.Describe()} → {(int)status} in {stopwatch.ElapsedMilliseconds} ms");
                }
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                if (status == HttpStatusCode.Unauthorized && !authenticationRetried)
                {
                    response.Dispose();
                    authenticationRetried = true;
                    _tokens.Invalidate(token);
                    PrivacyTrace.Verbose($"{request.Describe()} was refused with 401: getting a new token and retrying once.");
                    continue;
                }

                var retryable = RetryPolicy.IsThrottle(status) || (RetryPolicy.IsTransientServerError(status) && RetryPolicy.IsIdempotent(request.Method));
                if (retryable && await WaitBeforeRetryAsync(retried, response, started, request, cancellationToken).ConfigureAwait(false))
                {
                    response.Dispose();
                    retried++;
                    continue;
                }

                using (response)
                {
                    var context = request.Describe() + (retried > 0 ? $" (after {retried} retries)" : string.Empty);
                    if ((int)status >= 500 && !RetryPolicy.IsIdempotent(request.Method) && !RetryPolicy.IsThrottle(status))
                    {
                        context += " (not resent: the server may have acted on it; check before submitting it again)";
                    }

                    throw await HttpErrors.FromResponseAsync(response, context, "PrivacyServices.Api", _errorFormat).ConfigureAwait(false);
                }
            }
        }

        private async Task<bool> WaitBeforeRetryAsync(int retried, HttpResponseMessage? response, DateTimeOffset started, ApiRequest request, CancellationToken cancellationToken)
        {
            if (retried >= Retry.MaxRetry)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var delay = Retry.DelayFor(retried, response, now);
            if (now + delay - started > Retry.Budget)
            {
                PrivacyTrace.Verbose($"{request.Describe()}: not retrying, waiting {delay.TotalSeconds:0.#} s more would exceed the retry budget of {Retry.Budget.TotalSeconds:0} s.");
                return false;
            }

            PrivacyTrace.Verbose($"{request.Describe()}: retry {retried + 1} of {Retry.MaxRetry} in {delay.TotalSeconds:0.##} s.");
            if (delay > TimeSpan.Zero)
            {
                await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        private HttpRequestMessage BuildMessage(ApiRequest request, AccessToken token)
        {
            var message = new HttpRequestMessage(request.Method, request.Uri);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            message.Headers.Accept.ParseAdd("application/json");
            foreach (var header in _providerHeaders)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (request.Headers != null)
            {
                foreach (var header in request.Headers)
                {
                    message.Headers.Remove(header.Key);
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            message.Content = request.Content?.Invoke();
            return message;
        }

        private void EnsureSameHost(Uri uri)
        {
            var apiBase = RequireApiBase();
            if (!uri.IsAbsoluteUri || Uri.Compare(uri, apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Api.ForeignHost",
                    $"'{Redactor.RedactUri(uri)}' is not on the session's API host {apiBase.GetLeftPart(UriPartial.Authority)}: the session's token is only sent to its own API host.");
            }
        }

        public Uri RequireApiBase() =>
            ApiBaseUri ?? throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidArgument,
                "PrivacyServices.Api.ApiBaseUriMissing",
                "This session has no API base URI, so it can get tokens but not call an API: connect again with one.",
                parameter: "ApiBaseUri");

        private static PrivacyServiceException TransportError(ApiRequest request, Exception failure, int retried)
        {
            var notResent = RetryPolicy.IsIdempotent(request.Method)
                ? (retried > 0 ? $" after {retried} retries" : string.Empty)
                : "; it was not resent, because the server may have received it (check before submitting it again)";
            var kind = failure is TimeoutException ? PrivacyErrorKind.Timeout : PrivacyErrorKind.Connection;
            return new PrivacyServiceException(
                kind,
                kind == PrivacyErrorKind.Timeout ? "PrivacyServices.Api.Timeout" : "PrivacyServices.Api.ConnectionFailed",
                $"{request.Describe()} failed: {Redactor.RedactText(failure.Message)}{notResent}.");
        }

        /// <summary>Closes the connections; calls in flight end with a "disconnected" error, never ObjectDisposedException.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _http.CancelPendingRequests();
                _http.Dispose();
            }
        }
    }
}
