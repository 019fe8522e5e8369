using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Tokens;

namespace PrivacyServices.Http
{
    /// <summary>
    /// A session's API calls: resolves URIs on the API host, adds the bearer token (fresh once after a 401) and the
    /// provider's headers, and sends through the session's <see cref="HttpSendPath"/>.
    /// </summary>
    public sealed class SessionHttpClient : IDisposable
    {
        private readonly HttpSendPath _send;
        private readonly IReadOnlyDictionary<string, string> _providerHeaders;
        private readonly Uri? _relativeBase;
        private readonly ErrorFormat _errorFormat;
        private readonly BearerAuthentication _authentication;

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
            if (apiBaseUri != null)
            {
                TransportPolicy.EnsureSecure(apiBaseUri, "ApiBaseUri");
            }

            _send = new HttpSendPath(http, retry, requestTimeout, time);
            _authentication = new BearerAuthentication(tokens ?? throw new ArgumentNullException(nameof(tokens)));
            ApiBaseUri = apiBaseUri;
            _relativeBase = apiBaseUri == null ? null : new Uri(apiBaseUri.AbsoluteUri.TrimEnd('/') + "/");
            _providerHeaders = providerHeaders ?? new Dictionary<string, string>();
            _errorFormat = errorFormat ?? ErrorFormat.Common;
        }

        /// <summary>Null for a session made for tokens only: every API call then fails with an error naming ApiBaseUri.</summary>
        public Uri? ApiBaseUri { get; }
        public RetryPolicy Retry => _send.Retry;
        public TimeSpan RequestTimeout => _send.RequestTimeout;

        /// <summary>How many HTTP requests (attempts included) this client has sent.</summary>
        public long CallCount => _send.CallCount;

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

        /// <summary>
        /// Sends the request and reads a successful answer with <paramref name="read"/>, inside the request's timeout and
        /// retries: a body that breaks off is read again from a new attempt when the request is safe to repeat.
        /// </summary>
        public Task<T> SendAsync<T>(ApiRequest request, Func<HttpResponseMessage, ReadScope, Task<T>> read, CancellationToken cancellationToken)
        {
            EnsureSameHost(request.Uri);
            return _send.SendAsync(ToOutgoing(request), read, cancellationToken);
        }

        /// <summary>Sends the request and returns the response with its body already read (the caller disposes it).</summary>
        public Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
            SendAsync(request, async (response, scope) =>
            {
                if (response.Content != null)
                {
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                }

                return response;
            }, cancellationToken);

        private OutgoingRequest ToOutgoing(ApiRequest request) =>
            new OutgoingRequest(request.Method, request.Uri, target => BuildMessage(request, target), request.Describe())
            {
                Authentication = _authentication,
                ErrorFormat = _errorFormat,
            };

        private HttpRequestMessage BuildMessage(ApiRequest request, Uri target)
        {
            var message = new HttpRequestMessage(request.Method, target);
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
            if (!TransportPolicy.SameOrigin(uri, apiBase))
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

        /// <summary>Closes the connections; calls in flight end with a "disconnected" error, never ObjectDisposedException.</summary>
        public void Dispose() => _send.Dispose();

        /// <summary>The session's bearer token on each attempt; after a 401 the token is dropped so the next attempt gets a new one.</summary>
        private sealed class BearerAuthentication : IRequestAuthentication
        {
            private readonly TokenCache _tokens;

            public BearerAuthentication(TokenCache tokens) => _tokens = tokens;

            public async Task<object?> ApplyAsync(HttpRequestMessage message, CancellationToken cancellationToken)
            {
                var (token, _) = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                return token;
            }

            public void Refused(object? applied)
            {
                if (applied is AccessToken token)
                {
                    _tokens.Invalidate(token);
                }
            }
        }
    }
}
