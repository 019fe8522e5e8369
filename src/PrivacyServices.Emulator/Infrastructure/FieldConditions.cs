using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>
/// Makes the loopback emulator look like the field: a latency on every vendor request (fixed, or drawn from a range), and a
/// rate limit per client (requests per second; over it, 429 with Retry-After in the vendor's own error format). Also
/// counts requests in flight and their peak, so tests can prove a client never exceeds its concurrency.
/// Controls under <c>/_emulator/</c> are never delayed, limited or counted.
/// </summary>
public sealed class FieldConditions
{
    private readonly EmulatorCounters _counters;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Random _random = new(5080);
    private long _inFlight;
    private long _peakInFlight;
    private FieldSettings _startup = FieldSettings.None;
    private volatile FieldSettings _current = FieldSettings.None;

    public FieldConditions(EmulatorCounters counters, TimeProvider time)
    {
        _counters = counters;
        _time = time;
    }

    public FieldSettings Current => _current;

    /// <summary>Requests in flight right now, and the most there were at once since the last reset.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);
    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

    /// <summary>The settings given at start: what a reset returns to.</summary>
    public void SetStartup(FieldSettings settings)
    {
        _startup = settings;
        Set(settings);
    }

    public void Set(FieldSettings settings)
    {
        _current = settings;
        _buckets.Clear();
    }

    public void Reset()
    {
        Set(_startup);
        Interlocked.Exchange(ref _peakInFlight, Interlocked.Read(ref _inFlight));
    }

    public async Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments("/_emulator"))
        {
            await next();
            return;
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        RaisePeak(inFlight);
        try
        {
            var settings = _current;
            var delay = settings.DrawLatency(_random);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (settings.RequestsPerSecond is double limit && !Admit(context, limit, out var retryAfter))
            {
                _counters.Increment("ratelimit.rejected");
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await VendorErrorFormat.WriteAsync(context, StatusCodes.Status429TooManyRequests);
                return;
            }

            await next();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void RaisePeak(long inFlight)
    {
        long peak;
        while (inFlight > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }
    }

    private bool Admit(HttpContext context, double perSecond, out TimeSpan retryAfter)
    {
        var bucket = _buckets.GetOrAdd(ClientOf(context.Request), _ => new TokenBucket(perSecond, _time.GetUtcNow()));
        return bucket.TryTake(_time.GetUtcNow(), out retryAfter);
    }

    /// <summary>The vendor and the client: the bearer token's signature part, else the Basic user, else the remote address.</summary>
    private static string ClientOf(HttpRequest request)
    {
        var vendor = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        var authorization = request.Headers.Authorization.ToString();
        var who = authorization.Length > 0 ? authorization.Split('.')[0] : request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?";
        return vendor + "|" + who;
    }

    /// <summary>Refills at the rate, holds at most one second's worth.</summary>
    private sealed class TokenBucket
    {
        private readonly double _rate;
        private double _tokens;
        private DateTimeOffset _last;

        public TokenBucket(double rate, DateTimeOffset now)
        {
            _rate = rate;
            _tokens = Math.Max(1, rate);
            _last = now;
        }

        public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
        {
            lock (this)
            {
                _tokens = Math.Min(Math.Max(1, _rate), _tokens + ((now - _last).TotalSeconds * _rate));
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _rate);
                return false;
            }
        }
    }
}

/// <summary>A latency (fixed when min = max) and a rate limit; both off by default.</summary>
public sealed record FieldSettings(TimeSpan MinLatency, TimeSpan MaxLatency, double? RequestsPerSecond)
{
    public static readonly FieldSettings None = new(TimeSpan.Zero, TimeSpan.Zero, null);

    public TimeSpan DrawLatency(Random random)
    {
        if (MaxLatency <= MinLatency)
        {
            return MinLatency;
        }

        double fraction;
        lock (random)
        {
            fraction = random.NextDouble();
        }

        return MinLatency + TimeSpan.FromTicks((long)((MaxLatency - MinLatency).Ticks * fraction));
    }

    /// <summary>"100" (ms) or "50-300" (ms, a range).</summary>
    public static (TimeSpan Min, TimeSpan Max) ParseLatency(string text)
    {
        var parts = text.Split('-', 2);
        var min = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var max = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : min;
        if (min < 0 || max < min)
        {
            throw new FormatException($"latency '{text}' must be N or MIN-MAX milliseconds, 0 or more, MIN ≤ MAX");
        }

        return (TimeSpan.FromMilliseconds(min), TimeSpan.FromMilliseconds(max));
    }
}
