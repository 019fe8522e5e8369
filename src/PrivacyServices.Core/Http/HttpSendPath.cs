using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>
    /// The one way HTTP leaves the module: API calls, token requests and downloads all go through here, with one policy.
    /// Each attempt has the request timeout over its headers and its body (the body is read by the caller's reader inside
    /// the attempt, so a page that breaks off is retried like a refused connection); 429/503 are waited out for every
    /// request (Retry-After honoured, capped), transport failures, a broken body, 408 and 5xx only for a request that is
    /// safe to repeat; a 401 gets fresh credentials once; every failure becomes a <see cref="PrivacyServiceException"/>
    /// that names the host and what failed, with the cause kept as its inner exception.
    /// </summary>
    public sealed class HttpSendPath : IDisposable
    {
        private readonly HttpClient _http;
        private readonly TimeProvider _time;
        private long _callCount;
        private int _disposed;

        public HttpSendPath(HttpClient http, RetryPolicy retry, TimeSpan requestTimeout, TimeProvider? time = null)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            Retry = retry ?? throw new ArgumentNullException(nameof(retry));
            RequestTimeout = requestTimeout;
            _time = time ?? TimeProvider.System;
        }

        public RetryPolicy Retry { get; }
        public TimeSpan RequestTimeout { get; }

        /// <summary>How many HTTP requests (attempts included) went out.</summary>
        public long CallCount => Interlocked.Read(ref _callCount);

        /// <summary>
        /// Sends <paramref name="request"/> and hands a successful response to <paramref name="read"/>, inside the attempt's
        /// timeout. The response is disposed afterwards unless <paramref name="read"/> returns it.
        /// </summary>
        public async Task<T> SendAsync<T>(OutgoingRequest request, Func<HttpResponseMessage, ReadScope, Task<T>> read, CancellationToken cancellationToken)
        {
            var started = _time.GetUtcNow();
            var target = request.Uri;
            var retried = 0;
            var redirects = 0;
            var authenticationRetried = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfDisposed();
                var stopwatch = Stopwatch.StartNew();
                using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                using (var message = request.Build(target))
                {
                    message.RequestUri = target;
                    var applied = request.Authentication == null ? null : await request.Authentication.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
                    attempt.CancelAfter(RequestTimeout);
                    Interlocked.Increment(ref _callCount);
                    HttpResponseMessage response;
                    try
                    {
                        response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
                    {
                        var failure = Failure(request, target, ex, attempt.IsCancellationRequested, stopwatch);
                        if (request.SafeToRepeat && await WaitBeforeRetryAsync(retried, null, started, request, cancellationToken).ConfigureAwait(false))
                        {
                            retried++;
                            continue;
                        }

                        throw Failed(request, failure, ex, retried);
                    }

                    // .NET Framework ignores cancellation while a body is read: ending the response is what stops a stalled read there.
                    using (attempt.Token.Register(DisposeResponse, response))
                    {
                        var status = (int)response.StatusCode;
                        if (PrivacyTrace.IsEnabled)
                        {
                            PrivacyTrace.Verbose($"{request.Method.Method} {Redactor.RedactUri(target)} → {status} in {stopwatch.ElapsedMilliseconds} ms");
                        }

                        if (response.IsSuccessStatusCode)
                        {
                            try
                            {
                                var result = await read(response, new ReadScope(attempt, RequestTimeout, retried + 1)).ConfigureAwait(false);
                                if (!ReferenceEquals(result, response))
                                {
                                    response.Dispose();
                                }

                                return result;
                            }
                            catch (Exception ex) when (IsBrokenBody(ex, attempt, cancellationToken))
                            {
                                response.Dispose();
                                var failure = Failure(request, target, ex, attempt.IsCancellationRequested, stopwatch);
                                if (request.SafeToRepeat && await WaitBeforeRetryAsync(retried, null, started, request, cancellationToken).ConfigureAwait(false))
                                {
                                    retried++;
                                    continue;
                                }

                                throw Failed(request, failure, ex, retried);
                            }
                            catch
                            {
                                response.Dispose();
                                throw;
                            }
                        }

                        using (response)
                        {
                            if (IsRedirect(status) && request.MaxRedirects > 0)
                            {
                                target = FollowRedirect(request, target, response, ++redirects);
                                continue;
                            }

                            if (status == 401 && request.Authentication != null && !authenticationRetried)
                            {
                                authenticationRetried = true;
                                request.Authentication.Refused(applied);
                                PrivacyTrace.Verbose($"{request.Description} was refused with 401: getting a new token and retrying once.");
                                continue;
                            }

                            if (status == 407)
                            {
                                throw ProxyAuthenticationRequired(target);
                            }

                            if (RetryPolicy.IsThrottle(response.StatusCode))
                            {
                                ThrottleSignal.Throttled();
                            }

                            var retryable = RetryPolicy.IsThrottle(response.StatusCode) || (RetryPolicy.IsTransientServerError(response.StatusCode) && request.SafeToRepeat);
                            if (retryable && await WaitBeforeRetryAsync(retried, response, started, request, cancellationToken).ConfigureAwait(false))
                            {
                                retried++;
                                continue;
                            }

                            // The vendor's text first, then what was done about it, so neither interrupts the other.
                            var notResent = status >= 500 && !request.SafeToRepeat && !RetryPolicy.IsThrottle(response.StatusCode)
                                ? "It was not resent: the server may have acted on it, so check before submitting it again."
                                : null;
                            throw await HttpErrors.FromResponseAsync(response, request.Description + AfterRetries(retried), request.ErrorIdPrefix, request.ErrorFormat, notResent).ConfigureAwait(false);
                        }
                    }
                }
            }
        }

        private static readonly Action<object?> DisposeResponse = response => ((HttpResponseMessage)response!).Dispose();

        private static bool IsNetworkFailure(Exception ex, CancellationToken caller) =>
            !caller.IsCancellationRequested && (ex is HttpRequestException || ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException);

        private static bool IsBrokenBody(Exception ex, CancellationTokenSource attempt, CancellationToken caller) =>
            !caller.IsCancellationRequested
            && (ex is BodyBrokeOffException || ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException
                || (ex is OperationCanceledException && attempt.IsCancellationRequested));

        private string Failure(OutgoingRequest request, Uri target, Exception ex, bool timedOut, Stopwatch stopwatch)
        {
            ThrowIfDisposed();
            var text = NetworkFailure.Explain(ex, target, RequestTimeout, timedOut);
            PrivacyTrace.Verbose($"{request.Description} → {text} after {stopwatch.ElapsedMilliseconds} ms");
            return text;
        }

        private async Task<bool> WaitBeforeRetryAsync(int retried, HttpResponseMessage? response, DateTimeOffset started, OutgoingRequest request, CancellationToken cancellationToken)
        {
            if (retried >= Retry.MaxRetry)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var delay = Retry.DelayFor(retried, response, now);
            if (now + delay - started > Retry.Budget)
            {
                PrivacyTrace.Verbose($"{request.Description}: not retrying, waiting {delay.TotalSeconds:0.#} s more would exceed the retry budget of {Retry.Budget.TotalSeconds:0} s.");
                return false;
            }

            PrivacyTrace.Verbose($"{request.Description}: retry {retried + 1} of {Retry.MaxRetry} in {delay.TotalSeconds:0.##} s.");
            if (delay > TimeSpan.Zero)
            {
                await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>Counted as -Verbose counts them ("retry 2 of 3"): the retries, not the attempts.</summary>
        private static string AfterRetries(int retried) =>
            retried == 0 ? string.Empty : retried == 1 ? " (after 1 retry)" : $" (after {retried} retries)";

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        private static Uri FollowRedirect(OutgoingRequest request, Uri from, HttpResponseMessage response, int hop)
        {
            var location = response.Headers.Location;
            if (location == null)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, request.ErrorIdPrefix + ".RedirectInvalid", $"{request.Description} was redirected ({(int)response.StatusCode}) without saying where to.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (hop > request.MaxRedirects)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, request.ErrorIdPrefix + ".TooManyRedirects", $"{request.Description} was redirected more than {request.MaxRedirects} times; the last hop, to {Redactor.RedactUri(next)}, was not followed.");
            }

            if (from.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, request.ErrorIdPrefix + ".InsecureRedirect", $"{request.Description} was redirected from HTTPS to {Redactor.RedactUri(next)}; a redirect that drops HTTPS is not followed.");
            }

            TransportPolicy.EnsureSecure(next, "redirect");
            PrivacyTrace.Verbose($"{request.Description}: redirected ({(int)response.StatusCode}) to {Redactor.RedactUri(next)}.");
            return next;
        }

        private static PrivacyServiceException ProxyAuthenticationRequired(Uri target) =>
            new PrivacyServiceException(
                PrivacyErrorKind.Authentication,
                "PrivacyServices.Transport.ProxyAuthenticationRequired",
                $"The proxy refused the request to {target.Host} without credentials (HTTP 407): give the proxy's credential (ProxyCredential), or use the signed-in user's (ProxyUseDefaultCredentials).",
                statusCode: 407,
                parameter: "ProxyCredential");

        private PrivacyServiceException Failed(OutgoingRequest request, string failure, Exception cause, int retried)
        {
            if (NetworkFailure.IsProxyAuthentication(cause))
            {
                var error = ProxyAuthenticationRequired(request.Uri);
                return new PrivacyServiceException(error.Kind, error.ErrorId, error.Message, 407, innerException: cause, parameter: error.Parameter);
            }

            var timedOut = cause is OperationCanceledException || failure.StartsWith("no complete answer", StringComparison.Ordinal);
            var outcome = request.SafeToRepeat
                ? AfterRetries(retried)
                : "; it was not resent, because the server may have received it (check before submitting it again)";
            return new PrivacyServiceException(
                timedOut ? PrivacyErrorKind.Timeout : PrivacyErrorKind.Connection,
                timedOut ? request.TimeoutId : request.ConnectionFailedId,
                $"{request.Description} failed: {failure}{outcome}.",
                innerException: cause);
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                throw PrivacyServiceException.Disconnected();
            }
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
