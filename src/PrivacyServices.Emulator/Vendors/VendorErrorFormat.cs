using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>
/// An error answer the emulator makes up (an injected fault, a rate limit), written the way the vendor that owns the path
/// writes its own: OAuth JSON from token endpoints, Adobe's gateway codes, LiveRamp's errorCode, MX's and Microsoft's
/// nested error object, storage XML on the file host.
/// </summary>
public static class VendorErrorFormat
{
    public static Task WriteAsync(HttpContext context, int status)
    {
        var response = context.Response;
        response.StatusCode = status;
        var vendor = VendorOf(context);
        if (vendor == "files")
        {
            response.ContentType = "application/xml";
            return response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{StorageCode(status)}</Code><Message>{Text(status)}</Message></Error>");
        }

        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(Body(vendor, context.GetEndpoint()?.Metadata.GetMetadata<TokenEndpoint>() is not null, status)));
    }

    /// <summary>The vendor that owns the request's path: its first segment, or <c>files</c> on the signed-URL host.</summary>
    private static string VendorOf(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? string.Empty : segments[0].ToLowerInvariant();
    }

    private static object Body(string vendor, bool tokenEndpoint, int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        switch (vendor)
        {
            case "mx":
                return new { error = new { code = MxCode(status), message = Text(status) } };
            case "entra" when tokenEndpoint:
                return new Dictionary<string, object> { ["error"] = OAuthCode(status, true), ["error_description"] = $"AADSTS{AadCode(status)}: {Text(status)}", ["error_codes"] = new[] { AadCode(status) } };
            case "entra":
                return new { error = new { code = GraphCode(status), message = Text(status) } };
            case "adobe" when !tokenEndpoint:
                return new Dictionary<string, object> { ["error_code"] = status switch { 401 => "401013", 429 => "429050", 503 => "503000", _ => code + "000" }, ["message"] = Text(status) };
            case "liveramp" when !tokenEndpoint:
                return new Dictionary<string, object> { ["httpStatuscode"] = status, ["message"] = Text(status), ["errorCode"] = LiveRampCode(status) };
            default:
                // Telia (Keycloak), D&B, the generic server, and every token endpoint: RFC 6749 §5.2 JSON.
                return new Dictionary<string, object> { ["error"] = OAuthCode(status, tokenEndpoint), ["error_description"] = Text(status) };
        }
    }

    private static string Text(int status) => status switch
    {
        401 => "Invalid Token: token not found, expired or invalid",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Injected fault",
    };

    private static string OAuthCode(int status, bool tokenEndpoint) => status switch
    {
        401 => tokenEndpoint ? "invalid_client" : "invalid_token",
        429 or 503 => "temporarily_unavailable",
        >= 500 => "server_error",
        _ => "invalid_request",
    };

    private static string MxCode(int status) => status switch { 401 => "unauthorized", 429 => "too_many_requests", 503 => "service_unavailable", _ => "error" };

    private static string GraphCode(int status) => status switch { 401 => "InvalidAuthenticationToken", 429 => "TooManyRequests", 503 => "ServiceUnavailable", _ => "InjectedFault" };

    private static int AadCode(int status) => status switch { 401 => 7000215, 429 => 50196, _ => 90033 };

    private static string LiveRampCode(int status) => status switch { 401 => "UNAUTHENTICATED", 429 => "TOO_MANY_REQUESTS", 503 => "SERVICE_UNAVAILABLE", _ => "INJECTED_FAULT" };

    private static string StorageCode(int status) => status switch { 401 or 403 => "AuthenticationFailed", 429 => "SlowDown", 503 => "ServerBusy", _ => "InternalError" };
}
