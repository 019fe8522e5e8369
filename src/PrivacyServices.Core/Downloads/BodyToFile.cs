using System;
using System.IO;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using PrivacyServices.Http;

namespace PrivacyServices.Downloads
{
    /// <summary>Saving an answer's body to a file: streamed inside the send path's attempt, and in place only when whole.</summary>
    public static class BodyToFile
    {
        private const int BufferSize = 81920;

        /// <summary>
        /// Runs <paramref name="write"/> with a partial file of the destination's own; renames it over the destination when
        /// it succeeds, deletes it when it fails. A disk failure comes out as the IOException it was.
        /// </summary>
        public static async Task<T> WholeOrNothingAsync<T>(string destination, Func<string, Task<T>> write)
        {
            var partial = new PartialFile(destination);
            try
            {
                var result = await write(partial.Path).ConfigureAwait(false);
                partial.Commit();
                return result;
            }
            catch (LocalWriteFailure ex)
            {
                partial.Delete();
                ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
                throw;
            }
            catch
            {
                partial.Delete();
                throw;
            }
        }

        /// <summary>Streams the body into <paramref name="path"/> (from the start); a body shorter than its Content-Length broke off.</summary>
        public static async Task<long> CopyAsync(HttpResponseMessage response, ReadScope scope, string path, Action<DownloadProgress>? progress = null)
        {
            var total = response.Content.Headers.ContentLength;
            var buffer = new byte[BufferSize];
            long received = 0;
            using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var file = LocalWriteFailure.Guard(() => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true)))
            {
                progress?.Invoke(new DownloadProgress(0, total));
                int read;
                while ((read = await body.ReadAsync(buffer, 0, buffer.Length, scope.Token).ConfigureAwait(false)) > 0)
                {
                    scope.StillReceiving();
                    await LocalWriteFailure.GuardAsync(() => file.WriteAsync(buffer, 0, read, scope.Token)).ConfigureAwait(false);
                    received += read;
                    progress?.Invoke(new DownloadProgress(received, total));
                }

                await LocalWriteFailure.GuardAsync(() => file.FlushAsync(scope.Token)).ConfigureAwait(false);
            }

            if (total.HasValue && received != total.Value)
            {
                throw new BodyBrokeOffException($"the answer broke off after {received:N0} of {total.Value:N0} bytes");
            }

            return received;
        }
    }
}
