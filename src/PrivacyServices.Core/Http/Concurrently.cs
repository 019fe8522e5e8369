using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>Runs independent work items with at most the window of an <see cref="AdaptiveConcurrency"/> in flight.</summary>
    public static class Concurrently
    {
        /// <summary>
        /// Starts <paramref name="work"/> for each item as the window allows and waits for all. The work reports its own
        /// failures; one that throws stops the items not started yet and cancels those in flight, then the exception
        /// comes out of here.
        /// </summary>
        public static async Task RunAsync<T>(IEnumerable<T> items, AdaptiveConcurrency concurrency, Func<T, CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var running = new List<Task>();
                try
                {
                    foreach (var item in items)
                    {
                        await concurrency.EnterAsync(stop.Token).ConfigureAwait(false);
                        if (stop.IsCancellationRequested)
                        {
                            // Let in as a place came free at the moment of cancelling: the item is not started.
                            concurrency.Exit();
                            break;
                        }

                        running.Add(RunOneAsync(item, concurrency, work, stop));
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // A failed item or the caller stopped the run; what is running finishes or is cancelled below.
                }

                var all = Task.WhenAll(running);
                try
                {
                    await all.ConfigureAwait(false);
                }
                catch when (cancellationToken.IsCancellationRequested)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                catch (OperationCanceledException) when (all.Exception?.InnerExceptions.FirstOrDefault(e => !(e is OperationCanceledException)) is Exception failure)
                {
                    // Items cancelled because another failed: the failure is what the caller needs to see.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private static async Task RunOneAsync<T>(T item, AdaptiveConcurrency concurrency, Func<T, CancellationToken, Task> work, CancellationTokenSource stop)
        {
            try
            {
                // Off the loop's thread at once: the items' own work before their first wait (building a request body) runs in parallel.
                await Task.Yield();
                stop.Token.ThrowIfCancellationRequested();
                ThrottleSignal.Use(concurrency);
                await work(item, stop.Token).ConfigureAwait(false);
                concurrency.Succeeded();
            }
            catch
            {
                stop.Cancel();
                throw;
            }
            finally
            {
                concurrency.Exit();
            }
        }
    }
}
