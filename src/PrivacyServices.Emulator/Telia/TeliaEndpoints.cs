using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// Telia Privacy Services: a Keycloak-style token endpoint (client credentials in the body, 60-second access tokens,
/// refresh tokens) and <c>GET /telia/api/{projectId}/configurations/projectInfo</c>.
/// </summary>
public static class TeliaEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/telia/oauth/token", async (HttpRequest request) =>
        {
            var oauth = await OAuthRequest.ReadAsync(request);
            if (oauth is null)
            {
                return OAuthResults.Error(400, "invalid_request", "Missing form parameter: grant_type");
            }

            state.Counters.Increment("telia.token");
            state.Counters.Increment($"telia.token.{oauth.GrantType}");
            if (!state.Clients.IsValid("telia", oauth.ClientId, oauth.ClientSecret))
            {
                return OAuthResults.Error(401, "unauthorized_client", "Invalid client or Invalid client credentials");
            }

            switch (oauth.GrantType)
            {
                case "client_credentials":
                    return Issue(state, oauth.ClientId!);
                case "refresh_token":
                    var refresh = state.Tokens.Validate(oauth["refresh_token"], "telia", "refresh");
                    return refresh is null || (string?)refresh["sub"] != oauth.ClientId
                        ? OAuthResults.Error(400, "invalid_grant", "Invalid refresh token")
                        : Issue(state, oauth.ClientId!);
                default:
                    return OAuthResults.Error(400, "unsupported_grant_type", "Unsupported grant_type");
            }
        }).WithMetadata(TokenEndpoint.Marker);

        app.MapGet("/telia/api/{projectId}/configurations/projectInfo", (string projectId, HttpRequest request) =>
        {
            state.Counters.Increment("telia.api");
            state.Counters.Increment("telia.projectInfo");
            if (state.Tokens.Validate(OAuthResults.BearerToken(request), "telia", "access") is null)
            {
                return OAuthResults.Error(401, "invalid_token", "Token is not active");
            }

            if (projectId != TestCredentials.TeliaProjectId)
            {
                return Results.Json(new { error = "not_found", message = $"Project '{projectId}' does not exist." }, statusCode: 404);
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["projectId"] = projectId,
                ["serviceName"] = "Demo Streaming Service",
                ["subscriptions"] = new object[]
                {
                    new Dictionary<string, object> { ["topic"] = "privacy-requests", ["destination"] = "https://hooks.example.com/privacy", ["events"] = new[] { "ACCESS", "DELETE" } },
                    new Dictionary<string, object> { ["topic"] = "consent-changes", ["destination"] = "https://hooks.example.com/consent", ["events"] = new[] { "CONSENT_UPDATED" } },
                },
                ["created"] = "2024-03-01T10:00:00Z",
                ["updated"] = "2025-06-15T08:30:00Z",
                ["region"] = "eu-north-1",
                ["contactEmail"] = "privacy@example.com",
            });
        });
    }

    private static IResult Issue(EmulatorState state, string clientId)
    {
        var lifetime = state.Lifetime("telia");
        var refreshLifetime = state.Lifetime("telia.refresh");
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = state.Tokens.Issue("telia", clientId, "access", lifetime),
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["refresh_expires_in"] = (long)refreshLifetime.TotalSeconds,
            ["refresh_token"] = state.Tokens.Issue("telia", clientId, "refresh", refreshLifetime),
            ["token_type"] = "bearer",
            ["id_token"] = state.Tokens.Issue("telia", clientId, "id", lifetime),
            ["not-before-policy"] = 0,
            ["session_state"] = Guid.NewGuid().ToString(),
            ["scope"] = "profile email",
        });
    }
}
