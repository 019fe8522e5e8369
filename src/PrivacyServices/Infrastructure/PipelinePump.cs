using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Runs async core work off the pipeline thread and performs everything it wants written (objects, verbose,
    /// debug, progress) back on the pipeline thread, where PowerShell requires it.
    /// </summary>
    internal sealed class PipelinePump : PostedWrites
    {
        private readonly bool _traced;

        /// <param name="traced">
        /// Whether the cmdlet shows verbose or debug output at all. When it does not, the pump does not receive the core's
        /// trace: nothing is formatted, redacted or handed across threads only for PowerShell to drop it.
        /// </param>
        public PipelinePump(bool traced = true) => _traced = traced;

        public T Run<T>(Cmdlet cmdlet, Func<PipelinePump, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var task = Start(
                    () =>
                    {
                        using (Trace())
                        {
                            return work(this, stop.Token);
                        }
                    },
                    stop.Token);

                // The end of the work is queued like a write, so the waiting pipeline thread wakes once for it. (Completing the
                // collection under a waiting consumer would wake it with an exception, thrown and caught inside BlockingCollection.)
                task.ContinueWith(_ => Post(Finished), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                try
                {
                    for (var write = Writes.Take(); !ReferenceEquals(write, Finished); write = Writes.Take())
                    {
                        write(cmdlet);
                    }
                }
                catch
                {
                    // A write failed: a command further down stopped the pipeline (or threw). The work must not go on sending
                    // requests nobody will see the answer to, so it is cancelled, and waited for, so what it did is settled.
                    stop.Cancel();
                    WaitQuietly(task);
                    throw;
                }
                finally
                {
                    Writes.CompleteAdding();
                }

                return Result(task, cancellationToken);
            }
        }

        private static void WaitQuietly(Task task)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
            }
        }

        /// <summary>
        /// Work that writes nothing to the pipeline and whose trace nobody shows needs no pump: the pipeline thread starts it
        /// and waits for its result, without the queue and its hand-off, on the calls that answer with one object, such as
        /// Get-ProjectInfo.
        /// </summary>
        public static T RunWithoutWrites<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
            Result(Start(() => work(cancellationToken), cancellationToken), cancellationToken);

        private static T Result<T>(Task<T> task, CancellationToken cancellationToken)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Starts the work on this thread: it runs here until its first real wait (the HTTP request is on its way by then),
        /// then continues on the thread pool (the core awaits with ConfigureAwait(false)), which saves a thread hop per call.
        /// A host's SynchronizationContext is set aside meanwhile, so no continuation can be posted to the thread the pump
        /// blocks; a custom TaskScheduler, which could do the same, gets the work queued to the thread pool instead.
        /// </summary>
        private static Task<T> Start<T>(Func<Task<T>> start, CancellationToken cancellationToken)
        {
            if (TaskScheduler.Current != TaskScheduler.Default)
            {
                return Task.Run(start, cancellationToken);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<T>(cancellationToken);
            }

            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                return start();
            }
            catch (Exception ex)
            {
                return Task.FromException<T>(ex);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        private IDisposable? Trace() => _traced ? PrivacyTrace.Use(this) : null;
    }
}
