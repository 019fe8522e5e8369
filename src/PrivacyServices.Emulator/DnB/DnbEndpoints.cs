using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>Dun &amp; Bradstreet (Bisnode): token endpoints with HTTP Basic client authentication, and the person search API.</summary>
public static class DnbEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/dnb/as/token.oauth2", (HttpRequest request) => IssueAsync(request, state)).WithMetadata(TokenEndpoint.Marker);
        app.MapPost("/dnb/sandbox/v1/token.oauth2", (HttpRequest request) => IssueAsync(request, state)).WithMetadata(TokenEndpoint.Marker);

        app.MapGet("/dnb/api/consumerintelligence/person/v2/", (HttpRequest request) =>
        {
            state.Counters.Increment("dnb.api");
            state.Counters.Increment("dnb.personSearch");
            if (state.Tokens.Validate(OAuthResults.BearerToken(request), "dnb", "access") is null)
            {
                return OAuthResults.Error(401, "invalid_token", "Invalid Token: token not found, expired or invalid");
            }

            var firstName = request.Query["firstName"].FirstOrDefault() ?? "Anna";
            return Results.Json(new
            {
                totalHits = 1,
                persons = new[]
                {
                    new { personId = "SE-19800101-1234", firstName, lastName = "Andersson", city = "Stockholm", country = "SE" },
                },
            });
        });
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, EmulatorState state)
    {
        var oauth = await OAuthRequest.ReadAsync(request);
        if (oauth is null)
        {
            return OAuthResults.Error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        }

        state.Counters.Increment("dnb.token");
        if (oauth.ClientAuthentication != "basic")
        {
            return OAuthResults.Error(401, "invalid_client", "Bad credentials");
        }

        if (oauth.GrantType != "client_credentials")
        {
            return OAuthResults.Error(400, "unsupported_grant_type", "Unsupported grant type");
        }

        if (!state.Clients.IsValid("dnb", oauth.ClientId, oauth.ClientSecret))
        {
            return OAuthResults.Error(401, "invalid_client", "Bad credentials");
        }

        var scope = string.IsNullOrWhiteSpace(oauth["scope"]) ? "bci" : oauth["scope"]!;
        var lifetime = state.Lifetime("dnb");
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = state.Tokens.Issue("dnb", oauth.ClientId!, "access", lifetime, scope),
            ["scope"] = scope,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
        });
    }
}
