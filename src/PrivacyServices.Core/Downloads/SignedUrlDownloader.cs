using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Http.Transport;

namespace PrivacyServices.Downloads
{
    /// <summary>
    /// Downloads pre-signed storage URLs (a consent file's fileURL, for example). The URL's signature is its only credential: the HTTP client
    /// here has no authentication and never sees a session or a token (storage hosts even refuse a request that carries
    /// both). Bytes go to a partial file of this download's own (<see cref="PartialFile"/>) and are renamed over the
    /// destination only once complete, so a file under the final name is always whole; a failure deletes the partial file.
    /// A download that breaks off is retried through the send path and resumes where it stopped when the storage host
    /// supports ranges for the same version of the file (ETag + If-Range); otherwise it starts again from the first byte.
    /// </summary>
    public sealed class SignedUrlDownloader
    {
        /// <summary>Storage hosts redirect to a region or a CDN once or twice; more than this is a loop.</summary>
        public const int MaxRedirects = 5;

        private const int BufferSize = 81920;

        private readonly HttpSendPath _send;

        public SignedUrlDownloader(RetryPolicy retry, TimeSpan idleTimeout, TimeProvider? time = null, TransportSettings? transport = null)
            : this(HttpClients.Shared(transport ?? HttpClients.DefaultSettings), retry, idleTimeout, time)
        {
        }

        /// <summary>With a given client (tests); the caller keeps it.</summary>
        internal SignedUrlDownloader(HttpClient http, RetryPolicy retry, TimeSpan idleTimeout, TimeProvider? time = null)
        {
            _send = new HttpSendPath(http ?? throw new ArgumentNullException(nameof(http)), retry, idleTimeout, time);
        }

        /// <summary>Downloads <paramref name="url"/> to <paramref name="destinationPath"/>, replacing a file there.</summary>
        /// <exception cref="PrivacyServiceException">The storage host refused or could not be reached (after retries).</exception>
        /// <exception cref="IOException">Writing the local file failed (disk full, access denied, path in use).</exception>
        public async Task<DownloadResult> DownloadAsync(Uri url, string destinationPath, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            TransportPolicy.EnsureSecure(url, "FileUrl");
            var partial = new PartialFile(destinationPath);
            var state = new ResumeState(partial.Path);
            var request = new OutgoingRequest(HttpMethod.Get, url, target => state.BuildRequest(target))
            {
                MaxRedirects = MaxRedirects,
                ErrorIdPrefix = "PrivacyServices.Download",
                ConnectionFailedId = "PrivacyServices.Download.Failed",
                TimeoutId = "PrivacyServices.Download.Failed",
            };
            try
            {
                var (bytes, attempts) = await _send.SendAsync(request, (response, scope) => state.ReceiveAsync(response, scope, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
                partial.Commit();
                PrivacyTrace.Verbose($"Saved {bytes:N0} bytes to {destinationPath}{(state.Resumed > 0 ? $" (resumed {state.Resumed} time(s))" : string.Empty)}.");
                return new DownloadResult(destinationPath, bytes, attempts);
            }
            catch (LocalWriteFailure ex)
            {
                partial.Delete();
                ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
                throw;
            }
            catch (PrivacyServiceException ex) when (ex.ErrorId == "PrivacyServices.Download.Failed")
            {
                partial.Delete();
                throw new PrivacyServiceException(ex.Kind, ex.ErrorId, ex.Message.TrimEnd('.') + ". No file was written under the final name.", innerException: ex.InnerException);
            }
            catch
            {
                partial.Delete();
                throw;
            }
        }

        /// <summary>What one download has on disk so far, and the version of the file it belongs to.</summary>
        private sealed class ResumeState
        {
            private readonly string _partialPath;
            private EntityTagHeaderValue? _etag;

            public ResumeState(string partialPath) => _partialPath = partialPath;

            /// <summary>Bytes already in the partial file from earlier attempts.</summary>
            public long Have { get; private set; }

            public int Resumed { get; private set; }

            public HttpRequestMessage BuildRequest(Uri target)
            {
                var message = new HttpRequestMessage(HttpMethod.Get, target);
                if (Have > 0 && _etag != null)
                {
                    message.Headers.Range = new RangeHeaderValue(Have, null);
                    message.Headers.IfRange = new RangeConditionHeaderValue(_etag);
                }

                return message;
            }

            public async Task<(long Bytes, int Attempts)> ReceiveAsync(HttpResponseMessage response, ReadScope scope, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
            {
                var resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == Have;
                if (!resumed)
                {
                    Have = 0;
                }
                else
                {
                    Resumed++;
                    PrivacyTrace.Verbose($"Resuming the download at byte {Have:N0}.");
                }

                _etag = response.Headers.ETag;
                var total = resumed ? response.Content.Headers.ContentRange!.Length : response.Content.Headers.ContentLength;
                var buffer = new byte[BufferSize];
                using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                using (var file = OpenPartial(resumed))
                {
                    progress?.Invoke(new DownloadProgress(Have, total));
                    while (true)
                    {
                        int read;
                        try
                        {
                            read = await body.ReadAsync(buffer, 0, buffer.Length, scope.Token).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
                        {
                            throw new BodyBrokeOffException(BrokenOff(total), ex);
                        }

                        if (read == 0)
                        {
                            break;
                        }

                        scope.StillReceiving();
                        await Write(file, buffer, read, cancellationToken).ConfigureAwait(false);
                        Have += read;
                        progress?.Invoke(new DownloadProgress(Have, total));
                    }

                    if (total.HasValue && Have != total.Value)
                    {
                        throw new BodyBrokeOffException(BrokenOff(total));
                    }

                    await Write(file, buffer, 0, cancellationToken).ConfigureAwait(false);
                }

                return (Have, scope.Attempt);
            }

            private FileStream OpenPartial(bool append)
            {
                try
                {
                    return new FileStream(_partialPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new LocalWriteFailure(ex);
                }
            }

            private static async Task Write(FileStream file, byte[] buffer, int count, CancellationToken cancellationToken)
            {
                try
                {
                    if (count > 0)
                    {
                        await file.WriteAsync(buffer, 0, count, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new LocalWriteFailure(ex);
                }
            }

            private string BrokenOff(long? total) =>
                total.HasValue ? $"the download broke off after {Have:N0} of {total.Value:N0} bytes" : $"the download broke off after {Have:N0} bytes";
        }
    }
}
