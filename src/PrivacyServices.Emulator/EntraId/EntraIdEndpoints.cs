using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// Microsoft Entra ID as MSAL meets it: the v2 token endpoint <c>/entra/{tenant}/oauth2/v2.0/token</c> for client-secret
/// and client-certificate (signed assertion) clients, the App Service / Azure Automation managed-identity endpoint
/// <c>/msi/token</c> (point IDENTITY_ENDPOINT at it), instance discovery (<c>/entra/common/discovery/instance</c>, which
/// MSAL asks once per process), and <c>/entra/api/me</c>, an API that accepts the tokens.
/// </summary>
public static class EntraIdEndpoints
{
    public const string PublicAuthority = "https://login.microsoftonline.com";

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/entra/{tenant}/oauth2/v2.0/token", (string tenant, HttpRequest request) => IssueAsync(tenant, request, state)).WithMetadata(TokenEndpoint.Marker);

        // Instance discovery, which MSAL asks once per process before the first token request to an authority host.
        app.MapGet("/entra/common/discovery/instance", (HttpRequest request) =>
        {
            state.Counters.Increment("entra.discovery");
            var authorize = request.Query["authorization_endpoint"].FirstOrDefault() ?? $"{PublicAuthority}/common/oauth2/v2.0/authorize";
            var tenant = Uri.TryCreate(authorize, UriKind.Absolute, out var uri) ? uri.Segments.ElementAtOrDefault(1)?.Trim('/') ?? "common" : "common";
            return Results.Json(new Dictionary<string, object>
            {
                ["tenant_discovery_endpoint"] = $"{PublicAuthority}/{tenant}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["preferred_network"] = "login.microsoftonline.com",
                        ["preferred_cache"] = "login.windows.net",
                        ["aliases"] = new[] { "login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net" },
                    },
                },
            });
        });

        app.MapGet("/msi/token", (HttpRequest request) => IssueManagedIdentityToken(request, state)).WithMetadata(TokenEndpoint.Marker);

        app.MapGet("/entra/api/me", (HttpRequest request) =>
        {
            state.Counters.Increment("entra.api");
            var claims = state.Tokens.Validate(OAuthResults.BearerToken(request), "entra", "access");
            return claims is null
                ? Results.Json(new { error = new { code = "InvalidAuthenticationToken", message = "Access token is empty, expired or invalid." } }, statusCode: 401)
                : Results.Json(new { appid = (string?)claims["appid"], aud = (string?)claims["aud"], tid = (string?)claims["tid"], idtyp = (string?)claims["idtyp"] });
        });

        // Anything else MSAL might ask the authority host for (instance discovery, OpenID metadata) is counted, so tests can assert it never happens.
        app.Map("/entra/{**rest}", (string rest) =>
        {
            state.Counters.Increment("entra.unmatched");
            return Results.Json(new { error = "not_found", error_description = $"The Entra ID emulator has no endpoint /entra/{rest}." }, statusCode: 404);
        });

        // POST /_emulator/entra/certificates?tenant=…&clientId=… with a PEM or base64 DER certificate: accept assertions it signs.
        app.MapPost("/_emulator/entra/certificates", async (string clientId, string? tenant, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = (await reader.ReadToEndAsync()).Trim();
            X509Certificate2 certificate;
            try
            {
                certificate = text.StartsWith("-----BEGIN", StringComparison.Ordinal)
                    ? X509Certificate2.CreateFromPem(text)
                    : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                return Results.Json(new { error = "The body must be a PEM or base64 DER certificate: " + ex.Message }, statusCode: 400);
            }

            state.Clients.RegisterCertificate(TestCredentials.EntraIdRegistryKey(tenant ?? TestCredentials.EntraIdTenantId), clientId, certificate);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> IssueAsync(string tenant, HttpRequest request, EmulatorState state)
    {
        state.Counters.Increment("entra.token");
        var correlationId = request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        var oauth = await OAuthRequest.ReadAsync(request);
        if (oauth is null)
        {
            return EntraError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.", correlationId, state);
        }

        if (oauth.GrantType != "client_credentials")
        {
            return EntraError(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{oauth.GrantType}'.", correlationId, state);
        }

        var clientId = oauth.ClientId ?? oauth["client_id"];
        var registryKey = TestCredentials.EntraIdRegistryKey(tenant);
        if (string.IsNullOrEmpty(clientId) || !state.Clients.IsKnown(registryKey, clientId))
        {
            return EntraError(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.", correlationId, state);
        }

        var assertion = oauth["client_assertion"];
        if (assertion is not null)
        {
            state.Counters.Increment("entra.token.certificate");
            if (oauth["client_assertion_type"] != ClientAssertionValidator.AssertionType)
            {
                return EntraError(400, "invalid_request", 50027, $"client_assertion_type must be {ClientAssertionValidator.AssertionType}.", correlationId, state);
            }

            var refusal = ClientAssertionValidator.Validate(assertion, clientId, registryKey, AcceptedAudiences(tenant, request), state.Clients, state.Time.GetUtcNow());
            if (refusal is not null)
            {
                return EntraError(401, "invalid_client", refusal.Value.Code, refusal.Value.Description, correlationId, state);
            }
        }
        else if (oauth.ClientSecret is not null)
        {
            state.Counters.Increment("entra.token.secret");
            if (!state.Clients.IsValid(registryKey, clientId, oauth.ClientSecret))
            {
                return EntraError(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.", correlationId, state);
            }
        }
        else
        {
            return EntraError(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.", correlationId, state);
        }

        var scope = oauth["scope"] ?? string.Empty;
        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || !scopes.All(s => s.EndsWith("/.default", StringComparison.OrdinalIgnoreCase)))
        {
            return EntraError(400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", correlationId, state);
        }

        var resource = scopes[0][..^"/.default".Length];
        var lifetime = state.Lifetime("entra");
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["ext_expires_in"] = (long)lifetime.TotalSeconds,
            ["access_token"] = IssueAccessToken(state, clientId, tenant, resource, lifetime),
        });
    }

    /// <summary>App Service / Azure Automation form: GET ?resource=…&amp;api-version=2019-08-01[&amp;client_id=…] with X-IDENTITY-HEADER.</summary>
    private static IResult IssueManagedIdentityToken(HttpRequest request, EmulatorState state)
    {
        state.Counters.Increment("msi.token");
        var host = state.ManagedIdentity;
        if (request.Headers["X-IDENTITY-HEADER"].FirstOrDefault() != host.IdentityHeader)
        {
            return Results.Json(new { statusCode = 401, message = "Unauthorized: the X-IDENTITY-HEADER header is missing or wrong.", correlationId = Guid.NewGuid() }, statusCode: 401);
        }

        if (request.Query["api-version"].FirstOrDefault() != "2019-08-01")
        {
            return Results.Json(new { statusCode = 400, message = "api-version 2019-08-01 is required.", correlationId = Guid.NewGuid() }, statusCode: 400);
        }

        var resource = request.Query["resource"].FirstOrDefault();
        if (string.IsNullOrEmpty(resource))
        {
            return Results.Json(new { statusCode = 400, message = "The resource parameter is required.", correlationId = Guid.NewGuid() }, statusCode: 400);
        }

        var clientId = request.Query["client_id"].FirstOrDefault();
        if (clientId is not null && !host.HasUserIdentity(clientId))
        {
            return Results.Json(new { statusCode = 400, message = "Unable to load the proper Managed Identity.", correlationId = Guid.NewGuid() }, statusCode: 400);
        }

        state.Counters.Increment(clientId is null ? "msi.token.system" : "msi.token.user");
        var identity = clientId ?? host.SystemAssignedClientId;
        var lifetime = state.Lifetime("msi");
        var expiresOn = state.Time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = IssueAccessToken(state, identity, TestCredentials.EntraIdTenantId, resource, lifetime),
            ["expires_on"] = expiresOn.ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = identity,
        });
    }

    private static string IssueAccessToken(EmulatorState state, string appId, string tenant, string resource, TimeSpan lifetime) =>
        state.Tokens.Issue("entra", appId, "access", lifetime, null, new Dictionary<string, object?>
        {
            ["aud"] = resource,
            ["tid"] = tenant,
            ["appid"] = appId,
            ["azp"] = appId,
            ["oid"] = appId,
            ["idtyp"] = "app",
            ["ver"] = "2.0",
        });

    /// <summary>The token endpoint as Entra ID names it (what MSAL puts in <c>aud</c>), and as this emulator was reached.</summary>
    private static string[] AcceptedAudiences(string tenant, HttpRequest request) => new[]
    {
        $"{PublicAuthority}/{tenant}/oauth2/v2.0/token",
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}",
    };

    /// <summary>Entra ID's error body: the AADSTS code leads the description, followed by trace and correlation ids.</summary>
    private static IResult EntraError(int status, string error, int code, string description, string correlationId, EmulatorState state)
    {
        var traceId = Guid.NewGuid().ToString();
        var timestamp = state.Time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        state.Counters.Increment($"entra.token.error.{error}");
        return Results.Json(new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}",
            ["error_codes"] = new[] { code },
            ["timestamp"] = timestamp,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"{PublicAuthority}/error?code={code}",
        }, statusCode: status);
    }
}
