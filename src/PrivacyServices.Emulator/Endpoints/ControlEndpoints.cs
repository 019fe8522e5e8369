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
            state.Counters.Reset();
            state.ResetLifetimes();
            state.Adobe.Reset();
            return Results.NoContent();
        });

        // POST /_emulator/lifetime?key=telia&seconds=3
        app.MapPost("/_emulator/lifetime", (string key, double seconds) =>
        {
            state.SetLifetime(key, TimeSpan.FromSeconds(seconds));
            return Results.Json(new { key, seconds = seconds.ToString(CultureInfo.InvariantCulture) });
        });

        // POST /_emulator/clients?provider=generic&clientId=…&secret=…
        app.MapPost("/_emulator/clients", (string provider, string clientId, string secret) =>
        {
            state.Clients.Register(provider, clientId, secret);
            return Results.NoContent();
        });
    }
}
