using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// The next page of a listing, requested while the current one is written out: one page ahead, no more, so memory
    /// stays bounded. Its trace is kept and shown when the page is taken, on the pipeline thread.
    /// </summary>
    internal sealed class PageAhead<T> : ITraceSink
    {
        private readonly ConcurrentQueue<(bool Verbose, string Message)> _trace = new ConcurrentQueue<(bool, string)>();

        public PageAhead(Func<CancellationToken, Task<T>> fetch, bool traced, CancellationToken cancellationToken)
        {
            Task = System.Threading.Tasks.Task.Run(
                async () =>
                {
                    using (traced ? PrivacyTrace.Use(this) : null)
                    {
                        return await fetch(cancellationToken).ConfigureAwait(false);
                    }
                },
                cancellationToken);
        }

        public Task<T> Task { get; }

        public void Verbose(string message) => _trace.Enqueue((true, message));

        public void Debug(string message) => _trace.Enqueue((false, message));

        /// <summary>Writes what the request traced (call on the pipeline thread).</summary>
        public void ShowTrace(Cmdlet cmdlet)
        {
            while (_trace.TryDequeue(out var line))
            {
                if (line.Verbose)
                {
                    cmdlet.WriteVerbose(line.Message);
                }
                else
                {
                    cmdlet.WriteDebug(line.Message);
                }
            }
        }
    }
}
