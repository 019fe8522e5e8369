using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// MX consent management for FDX data providers, under <c>/mx</c>: <c>POST /mx/api/{version}/token</c> (HTTP Basic, JSON body,
/// a JWT whose exp = iat + 300 and no expires_in) and the consent calls (<c>PUT …/consent_management/{id}/accounts</c>,
/// <c>…/accounts/{accountId}</c>, <c>…/disable_app_sharing</c>). <c>GET …/consent_management/{id}</c> is an emulator convenience.
/// </summary>
public static class MxEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var consents = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        consents[TestCredentials.MxConsentId] = SeedConsent(state);
        consents["cns-1002"] = SecondConsent();

        // GET …/consent_management: the consents of the customer the token was issued for (the only way to learn their ids).
        app.MapGet("/mx/api/{version}/consent_management", (string version, HttpRequest request) =>
        {
            state.Counters.Increment("mx.api");
            state.Counters.Increment("mx.consent.list");
            var claims = state.Tokens.Validate(OAuthResults.BearerToken(request), "mx", "access");
            if (claims is null)
            {
                return MxError(401, "unauthorized", "The access token is missing, expired or invalid.");
            }

            var mine = new JsonArray();
            foreach (var stored in consents.Values.OrderBy(c => (string?)c["id"], StringComparer.Ordinal))
            {
                lock (stored)
                {
                    if ((string?)stored["customer_id"] == (string?)claims["customer_id"])
                    {
                        mine.Add(stored.DeepClone());
                    }
                }
            }

            return Results.Json(new JsonObject { ["consents"] = mine });
        });

        app.MapPost("/mx/api/{version}/token", async (string version, HttpRequest request) =>
        {
            state.Counters.Increment("mx.token");
            var basic = OAuthRequest.ReadBasic(request.Headers.Authorization.ToString(), formEncoded: false);
            if (basic is null || !state.Clients.IsValid("mx", basic.Value.Id, basic.Value.Secret))
            {
                return MxError(401, "unauthorized", "Invalid client credentials.");
            }

            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            var scopes = (string?)body?["scopes"];
            if ((string?)body?["type"] != "consent_management" || scopes is null || !scopes.StartsWith("customer.modify_consent:", StringComparison.Ordinal))
            {
                return MxError(400, "bad_request", "Body must be {\"type\":\"consent_management\",\"scopes\":\"customer.modify_consent:{customer_id}\"}.");
            }

            var customerId = scopes["customer.modify_consent:".Length..];
            var token = state.Tokens.Issue("mx", basic.Value.Id, "access", state.Lifetime("mx"), scopes, new Dictionary<string, object?> { ["customer_id"] = customerId, ["fdx_version"] = version });
            return Results.Json(new { access_token = token });
        }).WithMetadata(TokenEndpoint.Marker);

        var consent = app.MapGroup("/mx/api/{version}/consent_management/{consentId}");
        consent.MapGet(string.Empty, (string consentId, HttpRequest request) =>
            WithConsent(state, consents, consentId, request, "get", c => c));
        consent.MapPut("/accounts", async (string consentId, HttpRequest request) =>
        {
            var body = await ReadBody(request);
            return WithConsent(state, consents, consentId, request, "automaticAccess", c =>
            {
                if (body?["automatic_access"] is not JsonValue value || !value.TryGetValue<bool>(out var automatic))
                {
                    return null;
                }

                c["auto_enable_future_accounts"] = automatic;
                return c;
            });
        });
        consent.MapPut("/accounts/{accountId}", async (string consentId, string accountId, HttpRequest request) =>
        {
            var body = await ReadBody(request);
            return WithConsent(state, consents, consentId, request, "account", c =>
            {
                var account = c["accounts"]!.AsArray().OfType<JsonObject>().FirstOrDefault(a => (string?)a["account_id"] == accountId);
                if (account is null || body?["enabled"] is not JsonValue value || !value.TryGetValue<bool>(out var enabled))
                {
                    return null;
                }

                account["enabled"] = enabled;
                return c;
            });
        });
        consent.MapPut("/disable_app_sharing", (string consentId, HttpRequest request) =>
            WithConsent(state, consents, consentId, request, "revoke", c =>
            {
                c["revoked_at"] = state.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
                foreach (var account in c["accounts"]!.AsArray().OfType<JsonObject>())
                {
                    account["enabled"] = false;
                }

                return c;
            }));
    }

    private static IResult WithConsent(EmulatorState state, ConcurrentDictionary<string, JsonObject> consents, string consentId, HttpRequest request, string operation, Func<JsonObject, JsonObject?> apply)
    {
        state.Counters.Increment("mx.api");
        state.Counters.Increment("mx.consent." + operation);
        var claims = state.Tokens.Validate(OAuthResults.BearerToken(request), "mx", "access");
        if (claims is null)
        {
            return MxError(401, "unauthorized", "The access token is missing, expired or invalid.");
        }

        if (!consents.TryGetValue(consentId, out var stored))
        {
            return MxError(404, "not_found", $"Consent '{consentId}' was not found.");
        }

        lock (stored)
        {
            if ((string?)stored["customer_id"] != (string?)claims["customer_id"])
            {
                return MxError(403, "forbidden", "The token's customer may not modify this consent.");
            }

            var updated = apply(stored);
            return updated is null
                ? MxError(400, "bad_request", "The request body is not valid for this operation.")
                : Results.Json(new { consent = updated.DeepClone() });
        }
    }

    private static async Task<JsonObject?> ReadBody(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult MxError(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    private static JsonObject SecondConsent() => new()
    {
        ["id"] = "cns-1002",
        ["customer_id"] = TestCredentials.MxCustomerId,
        ["application_name"] = "Tax Helper",
        ["application_icon_url"] = "https://apps.example.com/tax-helper.png",
        ["created_at"] = "2025-03-02T12:00:00Z",
        ["last_accessed"] = "2026-10-01T08:15:00Z",
        ["consented_on"] = "2025-03-02T12:01:00Z",
        ["revoked_at"] = null,
        ["auto_enable_future_accounts"] = false,
        ["accounts"] = new JsonArray(
            new JsonObject { ["enabled"] = true, ["nickname"] = "Everyday checking", ["account_id"] = "acc-1", ["account_number_display"] = "*1234" }),
    };

    private static JsonObject SeedConsent(EmulatorState state) => new()
    {
        ["id"] = TestCredentials.MxConsentId,
        ["customer_id"] = TestCredentials.MxCustomerId,
        ["application_name"] = "Budget Buddy",
        ["application_icon_url"] = "https://apps.example.com/budget-buddy.png",
        ["created_at"] = "2025-01-15T09:30:00Z",
        ["last_accessed"] = "2026-11-20T18:02:11Z",
        ["consented_on"] = "2025-01-15T09:31:00Z",
        ["revoked_at"] = null,
        ["auto_enable_future_accounts"] = true,
        ["accounts"] = new JsonArray(
            new JsonObject { ["enabled"] = true, ["nickname"] = "Everyday checking", ["account_id"] = "acc-1", ["account_number_display"] = "*1234" },
            new JsonObject { ["enabled"] = true, ["nickname"] = "Savings", ["account_id"] = "acc-2", ["account_number_display"] = "*9876" }),
    };
}
