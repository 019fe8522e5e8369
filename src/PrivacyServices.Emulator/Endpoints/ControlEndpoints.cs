using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// The emulator's own controls, for tests in another process (Pester): read and reset counters, change token lifetimes,
/// register clients. Under <c>/_emulator/</c>.
/// </summary>
public static class ControlEndpoints
{
    private static object Describe(FieldConditions field) => new
    {
        latencyMs = field.Current.MinLatency.TotalMilliseconds,
        latencyMaxMs = field.Current.MaxLatency.TotalMilliseconds,
        requestsPerSecond = field.Current.RequestsPerSecond,
        inFlight = field.InFlight,
        peakInFlight = field.PeakInFlight,
    };

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapGet("/_emulator/counters", () => Results.Json(state.Counters.Snapshot()));

        app.MapPost("/_emulator/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });

        // The providers, their URIs on this emulator and their test credentials (EmulatorProviders, the one table).
        app.MapGet("/_emulator/providers", (HttpRequest request) =>
            Results.Json(EmulatorProviders.Describe($"{request.Scheme}://{request.Host}")));

        // GET /_emulator/field: latency, rate limit, requests in flight and the peak since the last reset.
        app.MapGet("/_emulator/field", () => Results.Json(Describe(state.Field)));

        // POST /_emulator/field?latencyMs=100[&latencyMaxMs=300]&requestsPerSecond=10 (0 turns the rate limit off)
        app.MapPost("/_emulator/field", (double? latencyMs, double? latencyMaxMs, double? requestsPerSecond) =>
        {
            var current = state.Field.Current;
            var min = latencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : current.MinLatency;
            var max = latencyMaxMs is { } maxMs ? TimeSpan.FromMilliseconds(maxMs) : latencyMs is not null ? min : current.MaxLatency;
            if (min < TimeSpan.Zero || max < min || requestsPerSecond < 0)
            {
                return Results.Json(new { error = "latencyMs must be 0 or more, latencyMaxMs at least latencyMs, requestsPerSecond 0 or more" }, statusCode: 400);
            }

            var rate = requestsPerSecond is { } r ? (r > 0 ? r : (double?)null) : current.RequestsPerSecond;
            state.Field.Set(new FieldSettings(min, max, rate));
            return Results.Json(Describe(state.Field));
        });

        // POST /_emulator/lifetime?key=telia&seconds=3
        app.MapPost("/_emulator/lifetime", (string key, double seconds) =>
        {
            state.SetLifetime(key, TimeSpan.FromSeconds(seconds));
            return Results.Json(new { key, seconds = seconds.ToString(CultureInfo.InvariantCulture) });
        });

        // POST /_emulator/faults?path=/telia/api&kind=Status&status=429&count=2&retryAfterSeconds=1[&method=POST&skip=0&delaySeconds=5&probability=1]
        app.MapPost("/_emulator/faults", (string path, FaultKind? kind, int? status, int? count, string? method, double? retryAfterSeconds, double? delaySeconds, int? skip, double? probability) =>
        {
            state.Faults.Add(new FaultRule(
                path,
                kind ?? FaultKind.Status,
                count ?? 1,
                status ?? 503,
                method,
                retryAfterSeconds is { } r ? TimeSpan.FromSeconds(r) : null,
                delaySeconds is { } d ? TimeSpan.FromSeconds(d) : null,
                skip ?? 0,
                probability ?? 1.0));
            return Results.NoContent();
        });

        app.MapDelete("/_emulator/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });

        // POST /_emulator/clients?provider=generic&clientId=…&secret=…
        app.MapPost("/_emulator/clients", (string provider, string clientId, string secret) =>
        {
            state.Clients.Register(provider, clientId, secret);
            return Results.NoContent();
        });
    }
}
