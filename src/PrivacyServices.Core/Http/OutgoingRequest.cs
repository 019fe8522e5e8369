using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>Adds credentials to each attempt of a request, and hears when the server refused them (401).</summary>
    public interface IRequestAuthentication
    {
        /// <summary>Authenticates <paramref name="message"/>; what it returns is handed back to <see cref="Refused"/>.</summary>
        Task<object?> ApplyAsync(HttpRequestMessage message, CancellationToken cancellationToken);

        /// <summary>The server answered 401 to credentials applied as <paramref name="applied"/>: forget them (the next attempt gets fresh ones).</summary>
        void Refused(object? applied);
    }

    /// <summary>
    /// One request for <see cref="HttpSendPath"/>: how to build each attempt's message (a sent message cannot be sent again),
    /// whether it is safe to repeat, and how its failures are named.
    /// </summary>
    public sealed class OutgoingRequest
    {
        public OutgoingRequest(HttpMethod method, Uri uri, Func<Uri, HttpRequestMessage>? build = null, string? description = null)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
            Build = build ?? (target => new HttpRequestMessage(method, target));
            Description = description ?? method.Method + " " + Redactor.RedactUri(uri);
            SafeToRepeat = RetryPolicy.IsIdempotent(method);
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }

        /// <summary>Builds a fresh message for the given target (the request's URI, or where a redirect sent it).</summary>
        public Func<Uri, HttpRequestMessage> Build { get; }

        /// <summary>What errors and the trace call this request (secrets masked).</summary>
        public string Description { get; }

        /// <summary>
        /// True when sending it twice does no harm (GET, PUT, DELETE, a token request): transport failures, a body that broke
        /// off, 408 and 5xx are then retried. False for a POST that may have reached the server: only 429/503 are retried.
        /// </summary>
        public bool SafeToRepeat { get; set; }

        public IRequestAuthentication? Authentication { get; set; }

        /// <summary>Redirects followed (downloads from storage); 0 makes a 3xx an error. HTTPS never redirects to HTTP.</summary>
        public int MaxRedirects { get; set; }

        /// <summary>The stem of HTTP status error ids: "{prefix}.Http404".</summary>
        public string ErrorIdPrefix { get; set; } = "PrivacyServices.Api";

        public string ConnectionFailedId { get; set; } = "PrivacyServices.Api.ConnectionFailed";
        public string TimeoutId { get; set; } = "PrivacyServices.Api.Timeout";
        public ErrorFormat ErrorFormat { get; set; } = ErrorFormat.Common;
    }

    /// <summary>What a body reader is given: the attempt's cancellation (timeout included).</summary>
    public sealed class ReadScope
    {
        private readonly CancellationTokenSource _attempt;
        private readonly TimeSpan _timeout;

        internal ReadScope(CancellationTokenSource attempt, TimeSpan timeout, int attemptNumber)
        {
            _attempt = attempt;
            _timeout = timeout;
            Attempt = attemptNumber;
        }

        /// <summary>Cancelled by the caller, or when the request timeout passes.</summary>
        public CancellationToken Token => _attempt.Token;

        /// <summary>1 for the first attempt.</summary>
        public int Attempt { get; }

        /// <summary>
        /// For long bodies (downloads): data arrived, so the timeout starts again. A reader that never calls it has the
        /// timeout cover the whole answer, headers and body.
        /// </summary>
        public void StillReceiving()
        {
            try
            {
                _attempt.CancelAfter(_timeout);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>A reader found the body cut short: the attempt failed on the network, and may be repeated if the request is safe to repeat.</summary>
    public sealed class BodyBrokeOffException : Exception
    {
        public BodyBrokeOffException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
