using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;

namespace PrivacyServices.Downloads
{
    /// <summary>
    /// Downloads pre-signed storage URLs (a consent file's fileURL, for example). The URL's signature is its only credential: the HTTP client
    /// here has no authentication handler and never sees a session or a token (storage hosts even refuse a request that
    /// carries both). Bytes go to a partial file of this download's own (<see cref="PartialFile"/>) and are renamed over the destination only once complete,
    /// so a file under the final name is always whole; a failure deletes the partial file. Transient failures
    /// (connection errors, a body cut short, 429/5xx) restart the download, a bounded number of times.
    /// </summary>
    public sealed class SignedUrlDownloader
    {

        private const int BufferSize = 81920;

        /// <summary>One client for every pre-signed download in the process (pooled connections); nothing but the transport.</summary>
        private static readonly Lazy<HttpClient> SharedPlainClient = new Lazy<HttpClient>(NewPlainHttpClient);

        private readonly HttpClient _http;
        private readonly RetryPolicy _retry;
        private readonly TimeSpan _idleTimeout;
        private readonly TimeProvider _time;

        public SignedUrlDownloader(RetryPolicy retry, TimeSpan idleTimeout, TimeProvider? time = null)
            : this(SharedPlainClient.Value, retry, idleTimeout, time)
        {
        }

        /// <summary>With a given client (tests); the caller keeps and disposes it.</summary>
        internal SignedUrlDownloader(HttpClient http, RetryPolicy retry, TimeSpan idleTimeout, TimeProvider? time = null)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _retry = retry ?? throw new ArgumentNullException(nameof(retry));
            _idleTimeout = idleTimeout;
            _time = time ?? TimeProvider.System;
        }

        /// <summary>Downloads <paramref name="url"/> to <paramref name="destinationPath"/>, replacing a file there.</summary>
        /// <exception cref="PrivacyServiceException">The storage host refused or could not be reached (after retries).</exception>
        /// <exception cref="IOException">Writing the local file failed (disk full, access denied, path in use).</exception>
        public async Task<DownloadResult> DownloadAsync(Uri url, string destinationPath, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            TransportPolicy.EnsureSecure(url, "FileUrl");
            var partial = new PartialFile(destinationPath);
            var partialPath = partial.Path;
            var described = "GET " + Redactor.RedactUri(url);
            var started = _time.GetUtcNow();
            var retried = 0;
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var stopwatch = Stopwatch.StartNew();
                    HttpResponseMessage response;
                    try
                    {
                        response = await SendAsync(url, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TransientDownloadException ex)
                    {
                        PrivacyTrace.Verbose($"{described} → {ex.Message} after {stopwatch.ElapsedMilliseconds} ms");
                        if (await WaitBeforeRetryAsync(retried, null, started, described, cancellationToken).ConfigureAwait(false))
                        {
                            retried++;
                            continue;
                        }

                        throw Failed(described, ex.Message, retried);
                    }

                    using (response)
                    {
                        PrivacyTrace.Verbose($"{described} → {(int)response.StatusCode} in {stopwatch.ElapsedMilliseconds} ms");
                        if (!response.IsSuccessStatusCode)
                        {
                            if (IsRetryable(response.StatusCode) && await WaitBeforeRetryAsync(retried, response, started, described, cancellationToken).ConfigureAwait(false))
                            {
                                retried++;
                                continue;
                            }

                            throw await HttpErrors.FromResponseAsync(response, described + (retried > 0 ? $" (after {retried} retries)" : string.Empty), "PrivacyServices.Download").ConfigureAwait(false);
                        }

                        var total = response.Content.Headers.ContentLength;
                        long bytes;
                        try
                        {
                            bytes = await CopyToFileAsync(response, partialPath, total, progress, cancellationToken).ConfigureAwait(false);
                        }
                        catch (TransientDownloadException ex)
                        {
                            PrivacyTrace.Verbose($"{described}: {ex.Message}");
                            if (await WaitBeforeRetryAsync(retried, null, started, described, cancellationToken).ConfigureAwait(false))
                            {
                                retried++;
                                continue;
                            }

                            throw Failed(described, ex.Message, retried);
                        }

                        partial.Commit();
                        PrivacyTrace.Verbose($"Saved {bytes:N0} bytes to {destinationPath}.");
                        return new DownloadResult(destinationPath, bytes, retried + 1);
                    }
                }
            }
            catch
            {
                partial.Delete();
                throw;
            }
        }

        private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_idleTimeout);
                try
                {
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new TransientDownloadException(Redactor.RedactText(ex.InnerException?.Message ?? ex.Message));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransientDownloadException($"no answer within {_idleTimeout.TotalSeconds:0.#} s");
                }
            }
        }

        /// <summary>Streams the body into <paramref name="partialPath"/>; network failures are transient, disk failures are not.</summary>
        private async Task<long> CopyToFileAsync(HttpResponseMessage response, string partialPath, long? total, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            var buffer = new byte[BufferSize];
            long received = 0;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var file = new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                progress?.Invoke(new DownloadProgress(received, total));
                while (true)
                {
                    idle.CancelAfter(_idleTimeout);
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, 0, buffer.Length, idle.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
                    {
                        throw new TransientDownloadException(BrokenOff(received, total));
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TransientDownloadException($"no data for {_idleTimeout.TotalSeconds:0.#} s; {BrokenOff(received, total)}");
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                    received += read;
                    progress?.Invoke(new DownloadProgress(received, total));
                }

                if (total.HasValue && received != total.Value)
                {
                    throw new TransientDownloadException(BrokenOff(received, total));
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return received;
        }

        private async Task<bool> WaitBeforeRetryAsync(int retried, HttpResponseMessage? response, DateTimeOffset started, string described, CancellationToken cancellationToken)
        {
            if (retried >= _retry.MaxRetry)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var delay = _retry.DelayFor(retried, response, now);
            if (now + delay - started > _retry.Budget)
            {
                return false;
            }

            PrivacyTrace.Verbose($"{described}: retry {retried + 1} of {_retry.MaxRetry} in {delay.TotalSeconds:0.##} s, from the first byte.");
            if (delay > TimeSpan.Zero)
            {
                await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        private static bool IsRetryable(HttpStatusCode status) => RetryPolicy.IsThrottle(status) || RetryPolicy.IsTransientServerError(status);

        private static string BrokenOff(long received, long? total) =>
            total.HasValue ? $"the download broke off after {received:N0} of {total.Value:N0} bytes" : $"the download broke off after {received:N0} bytes";

        private static PrivacyServiceException Failed(string described, string reason, int retried) =>
            new PrivacyServiceException(
                PrivacyErrorKind.Connection,
                "PrivacyServices.Download.Failed",
                $"{described} failed: {reason}{(retried > 0 ? $" (after {retried} retries)" : string.Empty)}. No file was written under the final name.");

        /// <summary>A client with nothing but the transport: no auth handler, no cookies, no default headers.</summary>
        private static HttpClient NewPlainHttpClient() =>
            new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = true }, disposeHandler: true)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };

        private sealed class TransientDownloadException : Exception
        {
            public TransientDownloadException(string message)
                : base(message)
            {
            }
        }
    }
}
