using System;
using System.Net;
using System.Net.Http;

namespace PrivacyServices.Http
{
    /// <summary>Which failures are retried and how long to wait: Retry-After first, else exponential backoff with jitter.</summary>
    public sealed class RetryPolicy
    {
        private static readonly Random Jitter = new Random();

        public RetryPolicy(int maxRetry = 3, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? budget = null)
        {
            if (maxRetry < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxRetry), "MaxRetry cannot be negative.");
            }

            MaxRetry = maxRetry;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30);
            Budget = budget ?? TimeSpan.FromMinutes(2);
        }

        public int MaxRetry { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }

        /// <summary>The total time all retries of one call may wait.</summary>
        public TimeSpan Budget { get; }

        public static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head || method == HttpMethod.Options;

        /// <summary>429 and 503 mean the server did not act on the request, so they are retried for every method.</summary>
        public static bool IsThrottle(HttpStatusCode status) => (int)status == 429 || status == HttpStatusCode.ServiceUnavailable;

        public static bool IsTransientServerError(HttpStatusCode status) =>
            status == HttpStatusCode.InternalServerError || status == HttpStatusCode.BadGateway || status == HttpStatusCode.GatewayTimeout;

        public TimeSpan DelayFor(int attempt, HttpResponseMessage? response, DateTimeOffset now)
        {
            var retryAfter = response?.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta)
            {
                return Clamp(delta);
            }

            if (retryAfter?.Date is DateTimeOffset date)
            {
                return Clamp(date - now);
            }

            var exponential = TimeSpan.FromMilliseconds(BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
            double factor;
            lock (Jitter)
            {
                factor = 0.5 + (Jitter.NextDouble() / 2);
            }

            return Clamp(TimeSpan.FromMilliseconds(Math.Min(exponential.TotalMilliseconds, MaxDelay.TotalMilliseconds) * factor));
        }

        private TimeSpan Clamp(TimeSpan delay)
        {
            if (delay < TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            return delay > MaxDelay ? MaxDelay : delay;
        }
    }
}
