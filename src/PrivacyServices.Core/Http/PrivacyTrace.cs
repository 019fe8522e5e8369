using System;
using System.Threading;

namespace PrivacyServices.Http
{
    /// <summary>Receives what the core reports about its work; the cmdlets turn it into -Verbose/-Debug output.</summary>
    public interface ITraceSink
    {
        void Verbose(string message);
        void Debug(string message);
    }

    /// <summary>
    /// The core's trace, routed to the sink of the calling cmdlet (it flows with the async call).
    /// Every message passes <see cref="Redactor.RedactText"/> first.
    /// </summary>
    public static class PrivacyTrace
    {
        private static readonly AsyncLocal<ITraceSink?> CurrentSink = new AsyncLocal<ITraceSink?>();

        public static IDisposable Use(ITraceSink sink)
        {
            var previous = CurrentSink.Value;
            CurrentSink.Value = sink;
            return new Restore(previous);
        }

        /// <summary>Whether anyone receives the trace now; hot paths check it before they format a message.</summary>
        public static bool IsEnabled => CurrentSink.Value != null;

        public static void Verbose(string message) => CurrentSink.Value?.Verbose(Redactor.RedactText(message));

        public static void Debug(string message) => CurrentSink.Value?.Debug(Redactor.RedactText(message));

        private sealed class Restore : IDisposable
        {
            private readonly ITraceSink? _previous;

            public Restore(ITraceSink? previous) => _previous = previous;

            public void Dispose() => CurrentSink.Value = _previous;
        }
    }
}
