using Microsoft.AspNetCore.Http;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>OAuth-style JSON answers.</summary>
public static class OAuthResults
{
    public static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, object> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
