using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// LiveRamp Consent Files Service: the service-account password grant (<c>/liveramp/oauth2/default/v2/token</c>, as on
/// sso.liveramp.com) and <c>GET /liveramp/privacy/v2/consent-files</c>, a bare JSON array per page with an RFC 8288
/// <c>Link: &lt;…&gt;; rel="next"</c> header while more pages follow. fileURLs point at the separate signed-URL file host.
/// </summary>
public static class LiveRampEndpoints
{
    public const string TokenPath = "/liveramp/oauth2/default/v2/token";
    public const string ApiPath = "/liveramp/privacy/v2";

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost(TokenPath, async (HttpRequest request) =>
        {
            if (!request.HasFormContentType)
            {
                return OAuthResults.Error(400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
            }

            var form = await request.ReadFormAsync();
            state.Counters.Increment("liveramp.token");
            string? Field(string name) => form[name].FirstOrDefault();

            if (Field("grant_type") != "password")
            {
                return OAuthResults.Error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
            }

            if (Field("client_id") != TestCredentials.LiveRampClientId)
            {
                return OAuthResults.Error(401, "invalid_client", "Client authentication failed.");
            }

            var scopes = (Field("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!scopes.Contains("openid"))
            {
                return OAuthResults.Error(400, "invalid_scope", "The authorization server requires the openid scope.");
            }

            if (Field("response_type") != "token")
            {
                return OAuthResults.Error(400, "invalid_request", "response_type must be 'token'.");
            }

            var accountId = Field("username");
            if (!state.Clients.IsValid("liveramp", accountId, Field("password")))
            {
                state.Counters.Increment("liveramp.token.rejected");
                return OAuthResults.Error(401, "invalid_grant", "The credentials provided were invalid.");
            }

            var lifetime = state.Lifetime("liveramp");
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = (long)lifetime.TotalSeconds,
                ["access_token"] = state.Tokens.Issue("liveramp", accountId!, "access", lifetime, "openid"),
                ["scope"] = "openid",
                // OpenID Connect Core §2: an ID token's audience is the client it was issued to, not the account.
                ["id_token"] = state.Tokens.Issue("liveramp", accountId!, "id", lifetime, null, new Dictionary<string, object?> { ["aud"] = TestCredentials.LiveRampClientId }),
            });
        }).WithMetadata(TokenEndpoint.Marker);

        app.MapGet(ApiPath + "/consent-files", (HttpRequest request) =>
        {
            state.Counters.Increment("liveramp.api");
            if (state.Tokens.Validate(OAuthResults.BearerToken(request), "liveramp", "access") is null)
            {
                state.Counters.Increment("liveramp.api.unauthorized");
                return Error(401, "UNAUTHENTICATED", "The access token is missing, invalid or expired.");
            }

            var catalog = state.LiveRamp;
            var offset = 0;
            var cursor = request.Query["cursor"].FirstOrDefault();
            if (cursor is not null && !TryReadCursor(cursor, out offset))
            {
                return Error(400, "BAD_QUERY_PARAMETER", "The cursor is not valid.");
            }

            state.Counters.Increment("liveramp.consentFiles.page");
            var count = catalog.Count;
            var pageSize = catalog.PageSize;
            var end = Math.Min(count, offset + pageSize);
            var page = new List<Dictionary<string, object?>>(Math.Max(0, end - offset));
            for (var index = offset; index < end; index++)
            {
                var file = LiveRampCatalog.Get(index);
                page.Add(ToJson(file, state.Files.CreateSignedUrl(file.FilePath, catalog.FileUrlLifetime)));
            }

            if (end < count)
            {
                var path = request.PathBase + request.Path + "?cursor=" + WriteCursor(end);
                var next = catalog.RelativeNextLinks ? path : request.Scheme + "://" + request.Host + path;
                request.HttpContext.Response.Headers["Link"] = $"<{next}>; rel=\"next\"";
            }

            return Results.Json(page);
        });

        // Controls: POST /_emulator/liveramp/consent-files?count=2500&pageSize=1000&relativeLinks=false,
        // GET /_emulator/liveramp/credentials.json (a service-account file for the test account, token_uri pointing here).
        app.MapPost("/_emulator/liveramp/consent-files", (int? count, int? pageSize, bool? relativeLinks) =>
        {
            var catalog = state.LiveRamp;
            catalog.Count = count ?? catalog.Count;
            catalog.PageSize = pageSize ?? catalog.PageSize;
            catalog.RelativeNextLinks = relativeLinks ?? catalog.RelativeNextLinks;
            return Results.Json(new { count = catalog.Count, pageSize = catalog.PageSize, relativeLinks = catalog.RelativeNextLinks });
        });
        app.MapGet("/_emulator/liveramp/credentials.json", (HttpRequest request) =>
            Results.Text(
                TestCredentials.LiveRampCredentialFile(new Uri(request.Scheme + "://" + request.Host + request.PathBase + TokenPath)),
                "application/json"));
    }

    /// <summary>A LiveRamp error body: <c>{"httpStatuscode":401,"message":"…","errorCode":"…"}</c>.</summary>
    public static IResult Error(int status, string errorCode, string message) =>
        Results.Json(new Dictionary<string, object> { ["httpStatuscode"] = status, ["message"] = message, ["errorCode"] = errorCode }, statusCode: status);

    private static Dictionary<string, object?> ToJson(LiveRampConsentFileRecord file, Uri fileUrl)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = file.Id.ToString("D"),
            ["identifierType"] = file.IdentifierType,
        };
        if (file.MuidDeviceType is not null)
        {
            json["muidDeviceType"] = file.MuidDeviceType;
            json["muidFormat"] = file.MuidFormat;
        }

        json["requestType"] = file.RequestType;
        json["dataController"] = new Dictionary<string, object>
        {
            ["controllerSpecifier"] = file.ControllerSpecifier,
            ["controllerID"] = file.ControllerId,
            ["liverampControlled"] = file.LiveRampControlled,
        };
        json["fileURL"] = fileUrl.AbsoluteUri;
        json["createdAt"] = file.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return json;
    }

    private static string WriteCursor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryReadCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("offset:", StringComparison.Ordinal) &&
                   int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
