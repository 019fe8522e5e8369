using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>
    /// How many independent requests of one bulk operation may be in flight: never more than <see cref="Limit"/>. A 429 or
    /// 503 (reported by the send path through <see cref="ThrottleSignal"/>) halves the window; each window's worth of
    /// successes widens it by one again, so a throttled run recovers gradually (additive increase, multiplicative decrease).
    /// </summary>
    public sealed class AdaptiveConcurrency
    {
        private readonly object _lock = new object();
        private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new LinkedList<TaskCompletionSource<bool>>();
        private int _window;
        private int _inFlight;
        private int _successes;

        public AdaptiveConcurrency(int limit)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request must be allowed.");
            }

            Limit = limit;
            _window = limit;
        }

        public int Limit { get; }

        /// <summary>How many may be in flight now (1 to <see cref="Limit"/>).</summary>
        public int Window
        {
            get { lock (_lock) { return _window; } }
        }

        public int PeakInFlight { get; private set; }

        public int Throttles { get; private set; }

        /// <summary>Waits for a free place in the window.</summary>
        public Task EnterAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            lock (_lock)
            {
                if (_inFlight < _window && _waiters.Count == 0)
                {
                    Admit();
                    return Task.CompletedTask;
                }

                var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                var node = _waiters.AddLast(waiter);
                if (cancellationToken.CanBeCanceled)
                {
                    var registration = cancellationToken.Register(() =>
                    {
                        lock (_lock)
                        {
                            if (node.List != null)
                            {
                                _waiters.Remove(node);
                            }
                        }

                        waiter.TrySetCanceled(cancellationToken);
                    });
                    waiter.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
                }

                return waiter.Task;
            }
        }

        /// <summary>A request left the window (answered, failed or cancelled).</summary>
        public void Exit()
        {
            lock (_lock)
            {
                _inFlight--;
                WakeWaiters();
            }
        }

        public void Succeeded()
        {
            lock (_lock)
            {
                if (_window < Limit && ++_successes >= _window)
                {
                    _window++;
                    _successes = 0;
                    WakeWaiters();
                }
            }
        }

        public void Throttled()
        {
            lock (_lock)
            {
                Throttles++;
                _successes = 0;
                var narrower = Math.Max(1, _window / 2);
                if (narrower < _window)
                {
                    PrivacyTrace.Verbose($"The server asked to slow down: at most {narrower} request(s) at once now (was {_window}).");
                    _window = narrower;
                }
            }
        }

        private void Admit()
        {
            _inFlight++;
            if (_inFlight > PeakInFlight)
            {
                PeakInFlight = _inFlight;
            }
        }

        private void WakeWaiters()
        {
            while (_inFlight < _window && _waiters.First != null)
            {
                var waiter = _waiters.First.Value;
                _waiters.RemoveFirst();
                if (waiter.TrySetResult(true))
                {
                    Admit();
                }
            }
        }
    }

    /// <summary>Carries the bulk operation's <see cref="AdaptiveConcurrency"/> down to the send path, which reports 429/503 to it.</summary>
    public static class ThrottleSignal
    {
        private static readonly AsyncLocal<AdaptiveConcurrency?> Current = new AsyncLocal<AdaptiveConcurrency?>();

        public static void Use(AdaptiveConcurrency concurrency) => Current.Value = concurrency;

        internal static void Throttled() => Current.Value?.Throttled();
    }
}
