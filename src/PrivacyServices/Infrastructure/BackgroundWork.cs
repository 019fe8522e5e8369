using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Work that runs in the background across several ProcessRecord calls (requests sent while input is still being read):
    /// the pipeline thread starts it, shows what it posted whenever it comes by (<see cref="ShowPosted"/>), and at the end waits
    /// for it while showing the rest (<see cref="Finish"/>). A failed write cancels the work and waits for it, as PipelinePump does.
    /// </summary>
    internal sealed class BackgroundWork : PostedWrites, IDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task _task;

        public BackgroundWork(Func<IPipelineWriter, CancellationToken, Task> work, bool traced, CancellationToken cancellationToken)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _task = Task.Run(
                async () =>
                {
                    using (traced ? PrivacyTrace.Use(this) : null)
                    {
                        await work(this, _stop.Token).ConfigureAwait(false);
                    }
                },
                _stop.Token);
            _task.ContinueWith(_ => Writes.Add(Finished), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>Writes what was posted so far, without waiting (call on the pipeline thread).</summary>
        public void ShowPosted(Cmdlet cmdlet)
        {
            Guard(() =>
            {
                while (Writes.TryTake(out var write))
                {
                    if (ReferenceEquals(write, Finished))
                    {
                        Writes.Add(Finished);
                        return;
                    }

                    write(cmdlet);
                }
            });
        }

        /// <summary>Waits for the work to end, writing what it posts meanwhile; its failure (or cancellation) comes out here.</summary>
        public void Finish(Cmdlet cmdlet)
        {
            Guard(() =>
            {
                for (var write = Writes.Take(); !ReferenceEquals(write, Finished); write = Writes.Take())
                {
                    write(cmdlet);
                }
            });

            try
            {
                _task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Guard(Action drain)
        {
            try
            {
                drain();
            }
            catch
            {
                _stop.Cancel();
                try
                {
                    _task.Wait();
                }
                catch (AggregateException)
                {
                }

                throw;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
