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
    internal sealed class PipelinePump : ITraceSink
    {
        private readonly BlockingCollection<Action<Cmdlet>> _writes = new BlockingCollection<Action<Cmdlet>>();

        public void Post(Action<Cmdlet> write)
        {
            try
            {
                _writes.Add(write);
            }
            catch (InvalidOperationException)
            {
                // The work finished (or was stopped) and the pump closed: nothing left to show it to.
            }
        }

        public void Verbose(string message) => Post(c => c.WriteVerbose(message));

        public void Debug(string message) => Post(c => c.WriteDebug(message));

        public T Run<T>(Cmdlet cmdlet, Func<PipelinePump, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            Task<T> task;
            using (PrivacyTrace.Use(this))
            {
                task = Task.Run(() => work(this, cancellationToken), cancellationToken);
            }

            task.ContinueWith(_ => _writes.CompleteAdding(), TaskScheduler.Default);
            foreach (var write in _writes.GetConsumingEnumerable())
            {
                write(cmdlet);
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
