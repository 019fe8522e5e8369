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
