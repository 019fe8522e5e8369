using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Where work off the pipeline thread hands what it wants written: run later, on the pipeline thread.</summary>
    internal interface IPipelineWriter
    {
        void Post(Action<Cmdlet> write);
    }

    /// <summary>The queue of writes that background work posts and the pipeline thread performs; the core's trace goes in it too.</summary>
    internal abstract class PostedWrites : IPipelineWriter, ITraceSink
    {
        /// <summary>Queued when the work has finished: the pipeline thread stops draining at it.</summary>
        protected static readonly Action<Cmdlet> Finished = _ => { };

        protected BlockingCollection<Action<Cmdlet>> Writes { get; } = new BlockingCollection<Action<Cmdlet>>();

        public void Post(Action<Cmdlet> write)
        {
            try
            {
                Writes.Add(write);
            }
            catch (InvalidOperationException)
            {
                // The work finished (or was stopped) and the queue closed: nothing left to show it to.
            }
        }

        public void Verbose(string message) => Post(c => c.WriteVerbose(message));

        public void Debug(string message) => Post(c => c.WriteDebug(message));
    }
}
