using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>
/// Endpoint metadata marking an OAuth token endpoint, and the headers RFC 6749 and RFC 6750 put on answers that every
/// vendor's real server sends: <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> on token responses (§5.1), and a
/// <c>WWW-Authenticate</c> challenge on every 401 (RFC 6749 §5.2 for token endpoints, RFC 6750 §3 for APIs).
/// </summary>
public sealed class TokenEndpoint
{
    public static readonly TokenEndpoint Marker = new();

    private TokenEndpoint()
    {
    }

    /// <summary>Adds the headers when the answer starts, whoever wrote it (an endpoint or an injected fault).</summary>
    public static Task AddProtocolHeadersAsync(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            AddHeaders(context);
            return Task.CompletedTask;
        });
        return next();
    }

    private static void AddHeaders(HttpContext context)
    {
        var response = context.Response;
        var isTokenEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<TokenEndpoint>() is not null;
        if (isTokenEndpoint)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }

        if (response.StatusCode == StatusCodes.Status401Unauthorized && StringValues.IsNullOrEmpty(response.Headers.WWWAuthenticate))
        {
            response.Headers.WWWAuthenticate = Challenge(context.Request, isTokenEndpoint);
        }
    }

    private static string Challenge(HttpRequest request, bool isTokenEndpoint)
    {
        var realm = Realm(request.Path);
        if (isTokenEndpoint)
        {
            return $"Basic realm=\"{realm}\"";
        }

        // RFC 6750 §3.1: no error code when the request carried no token at all.
        return OAuthResults.BearerToken(request) is null
            ? $"Bearer realm=\"{realm}\""
            : $"Bearer realm=\"{realm}\", error=\"invalid_token\"";
    }

    /// <summary>The vendor, from the first path segment (<c>/telia/…</c> → <c>telia</c>).</summary>
    private static string Realm(PathString path)
    {
        var value = path.Value ?? string.Empty;
        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "emulator" : segments[0];
    }
}
