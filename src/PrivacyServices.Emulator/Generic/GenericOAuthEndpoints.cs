using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>A plain OAuth 2.0 server at <c>/generic/token</c>: client_credentials and password grants, Basic or body client authentication.</summary>
public static class GenericOAuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/generic/token", async (HttpRequest request) =>
        {
            var oauth = await OAuthRequest.ReadAsync(request);
            if (oauth is null)
            {
                return OAuthResults.Error(400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
            }

            state.Counters.Increment("generic.token");
            state.Counters.Increment($"generic.token.{oauth.GrantType}");
            state.Counters.Increment($"generic.token.auth.{oauth.ClientAuthentication ?? "none"}");
            if (oauth.GrantType != "client_credentials" && oauth.GrantType != "password")
            {
                return OAuthResults.Error(400, "unsupported_grant_type", $"grant_type '{oauth.GrantType}' is not supported.");
            }

            // A confidential client proves its secret; the public test client may send its id alone (password grant only).
            var publicClient = oauth.GrantType == "password" && oauth.ClientSecret is null && oauth.ClientId == TestCredentials.GenericPublicClientId;
            if (!publicClient && !state.Clients.IsValid("generic", oauth.ClientId, oauth.ClientSecret))
            {
                return OAuthResults.Error(401, "invalid_client", "Client authentication failed.");
            }

            var subject = oauth.ClientId!;
            if (oauth.GrantType == "password")
            {
                if (!state.Clients.IsValid("generic-user", oauth["username"], oauth["password"]))
                {
                    return OAuthResults.Error(400, "invalid_grant", "Invalid resource owner credentials.");
                }

                subject = oauth["username"]!;
            }

            var scope = oauth["scope"];
            var lifetime = state.Lifetime("generic");
            var answer = new Dictionary<string, object>
            {
                ["access_token"] = state.Tokens.Issue("generic", subject, "access", lifetime, scope),
                ["token_type"] = "Bearer",
                ["expires_in"] = (long)lifetime.TotalSeconds,
            };

            // RFC 6749 §5.1: scope is OPTIONAL; a member with a null value is not the same thing, and strict clients refuse it.
            if (!string.IsNullOrEmpty(scope))
            {
                answer["scope"] = scope;
            }

            return Results.Json(answer);
        }).WithMetadata(TokenEndpoint.Marker);

        // A create call, for tests of what is (and is not) resent: counts every POST that reached the endpoint.
        app.MapPost("/generic/api/items", async (HttpRequest request) =>
        {
            state.Counters.Increment("generic.api");
            state.Counters.Increment("generic.api.post");
            if (state.Tokens.Validate(OAuthResults.BearerToken(request), "generic", "access") is null)
            {
                return OAuthResults.Error(401, "invalid_token", "The access token is missing, expired or invalid.");
            }

            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Json(new { id = Guid.NewGuid().ToString("N"), received = body.Length }, statusCode: 201);
        });

        app.MapGet("/generic/api/echo", (HttpRequest request) =>
        {
            state.Counters.Increment("generic.api");
            var claims = state.Tokens.Validate(OAuthResults.BearerToken(request), "generic", "access");
            return claims is null
                ? OAuthResults.Error(401, "invalid_token", "The access token is missing, expired or invalid.")
                : Results.Json(new { subject = (string?)claims["sub"], scope = (string?)claims["scope"] });
        });
    }
}
