using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>What a matching request gets instead of the normal answer.</summary>
public enum FaultKind
{
    /// <summary>An HTTP status with a vendor-style error body (401, 429, 500, 503, …).</summary>
    Status,

    /// <summary>The connection is aborted without an answer.</summary>
    Drop,

    /// <summary>The answer is delayed by <see cref="FaultRule.Delay"/> (past the client's timeout, typically), then served normally.</summary>
    Slow,

    /// <summary>200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>
    /// The token the request carries dies early: it is revoked, and the endpoint itself answers 401 in the vendor's words.
    /// Tokens younger than <see cref="FaultRule.MinimumTokenAge"/> are spared, as a token that has just been issued would be.
    /// </summary>
    RevokeToken,
}

/// <summary>One fault switch: requests whose path starts with <see cref="PathPrefix"/> (and method matches) get the fault.</summary>
public sealed class FaultRule
{
    private int _skip;
    private int _remaining;
    private readonly double _probability;
    private readonly Random _random;

    public FaultRule(string pathPrefix, FaultKind kind, int count = 1, int status = 503, string? method = null,
        TimeSpan? retryAfter = null, TimeSpan? delay = null, int skip = 0, double probability = 1.0, int seed = 1, TimeSpan? minimumTokenAge = null)
    {
        MinimumTokenAge = minimumTokenAge ?? TimeSpan.Zero;
        PathPrefix = pathPrefix.StartsWith('/') ? pathPrefix : "/" + pathPrefix;
        Kind = kind;
        Status = status;
        Method = method;
        RetryAfter = retryAfter;
        Delay = delay ?? TimeSpan.FromSeconds(5);
        _remaining = count;
        _skip = skip;
        _probability = probability;
        _random = new Random(seed);
    }

    public string PathPrefix { get; }
    public FaultKind Kind { get; }
    public int Status { get; }
    public string? Method { get; }
    public TimeSpan? RetryAfter { get; }
    public TimeSpan Delay { get; }
    public TimeSpan MinimumTokenAge { get; }

    /// <summary>How many more requests this rule will hit (negative: unlimited).</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    internal bool TryHit(HttpRequest request)
    {
        if (!request.Path.Value!.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) ||
            (Method is not null && !string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Interlocked.Decrement(ref _skip) >= 0)
        {
            return false;
        }

        if (_probability < 1.0)
        {
            lock (_random)
            {
                if (_random.NextDouble() >= _probability)
                {
                    return false;
                }
            }
        }

        if (Volatile.Read(ref _remaining) < 0)
        {
            return true;
        }

        return Interlocked.Decrement(ref _remaining) >= 0;
    }
}

/// <summary>The emulator's fault switches, applied before any endpoint runs.</summary>
public sealed class FaultInjector
{
    private readonly ConcurrentQueue<FaultRule> _rules = new();
    private readonly EmulatorCounters _counters;
    private readonly TokenIssuer _tokens;
    private readonly TimeProvider _time;

    public FaultInjector(EmulatorCounters counters, TokenIssuer tokens, TimeProvider time)
    {
        _counters = counters;
        _tokens = tokens;
        _time = time;
    }

    public FaultRule Add(FaultRule rule)
    {
        _rules.Enqueue(rule);
        return rule;
    }

    public void Clear() => _rules.Clear();

    /// <summary>Applies the first matching rule; returns true when the request was answered (or dropped) here.</summary>
    public async Task<bool> TryApplyAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_emulator"))
        {
            return false;
        }

        var rule = _rules.FirstOrDefault(r => r.Remaining != 0 && r.TryHit(context.Request));
        if (rule is null)
        {
            return false;
        }

        if (rule.Kind == FaultKind.RevokeToken)
        {
            return RevokePresentedToken(context, rule);
        }

        _counters.Increment("faults.injected");
        _counters.Increment($"faults.{rule.Kind}".ToLowerInvariant());
        if (rule.Kind == FaultKind.Status)
        {
            _counters.Increment($"faults.status.{rule.Status}");
        }
        switch (rule.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return true;
            case FaultKind.Slow:
                try
                {
                    await Task.Delay(rule.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                return false;
            case FaultKind.MalformedJson:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"jobs\":[{\"jobId\":\"trunc");
                return true;
            default:
                context.Response.StatusCode = rule.Status;
                // Like the vendors' gateways, so clients can be checked to surface it (docs/emulator.md).
                context.Response.Headers["x-request-id"] = "emulator-fault-" + _counters["faults.injected"].ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (rule.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await VendorErrorFormat.WriteAsync(context, rule.Status);
                return true;
        }
    }

    private bool RevokePresentedToken(HttpContext context, FaultRule rule)
    {
        var token = OAuthResults.BearerToken(context.Request);
        var issued = _tokens.IssuedAt(token);
        if (token is null || issued is null || _time.GetUtcNow() - issued < rule.MinimumTokenAge)
        {
            return false;
        }

        _tokens.Revoke(token);
        _counters.Increment("faults.injected");
        _counters.Increment("faults.revoketoken");
        return false; // the endpoint now finds the token invalid and answers 401 itself
    }
}
