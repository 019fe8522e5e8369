using System;
using System.IO;

namespace PrivacyServices.Downloads
{
    /// <summary>
    /// The local disk failed while a body was being saved, not the network: carried through the send path (which would
    /// otherwise take an IOException for a broken body and retry) and reported as the exception it was.
    /// </summary>
    internal sealed class LocalWriteFailure : Exception
    {
        public LocalWriteFailure(Exception inner)
            : base(inner.Message, inner)
        {
        }

        /// <summary>Awaits a file operation, wrapping a disk failure.</summary>
        public static async System.Threading.Tasks.Task GuardAsync(Func<System.Threading.Tasks.Task> operation)
        {
            try
            {
                await operation().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new LocalWriteFailure(ex);
            }
        }

        /// <summary>Runs a file operation, wrapping a disk failure.</summary>
        public static T Guard<T>(Func<T> operation)
        {
            try
            {
                return operation();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new LocalWriteFailure(ex);
            }
        }
    }
}
