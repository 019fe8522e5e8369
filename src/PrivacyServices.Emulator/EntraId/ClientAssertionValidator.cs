using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>
/// Checks a certificate client's signed assertion (RFC 7523) as Entra ID does: a JWT signed RS256 or PS256 by the
/// private key of a certificate registered for the client (found by its <c>x5t#S256</c> or <c>x5t</c> header),
/// with <c>iss</c> = <c>sub</c> = the client id, <c>aud</c> = the token endpoint, and a current <c>nbf</c>/<c>exp</c>.
/// </summary>
public static class ClientAssertionValidator
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>The Entra error (code and description) when the assertion is refused; null when it is valid.</summary>
    public static (int Code, string Description)? Validate(
        string assertion,
        string clientId,
        string registryKey,
        IReadOnlyCollection<string> acceptedAudiences,
        ClientRegistry clients,
        DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        JsonObject? header, payload;
        try
        {
            header = parts.Length == 3 ? JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject : null;
            payload = parts.Length == 3 ? JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            header = payload = null;
        }

        if (header is null || payload is null)
        {
            return (50027, "JWT token is invalid or malformed.");
        }

        var sha256 = TryFromBase64Url((string?)header["x5t#S256"]);
        var sha1 = TryFromBase64Url((string?)header["x5t"]);
        var certificate = clients.FindCertificate(registryKey, clientId, sha256, sha1);
        if (certificate is null)
        {
            var thumbprint = sha1 is not null ? Convert.ToHexString(sha1) : sha256 is not null ? Convert.ToHexString(sha256) : "none";
            return (700027, $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{thumbprint}']");
        }

        if (!SignatureIsValid(certificate, (string?)header["alg"], parts))
        {
            return (700027, "Client assertion failed signature validation.");
        }

        if ((string?)payload["iss"] != clientId || (string?)payload["sub"] != clientId)
        {
            return (700021, $"Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .");
        }

        if (!acceptedAudiences.Contains((string?)payload["aud"] ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return (700025, $"Client assertion audience claim does not match the token endpoint. Expected '{acceptedAudiences.First()}', got '{(string?)payload["aud"]}'.");
        }

        var expires = UnixSeconds(payload["exp"]);
        var notBefore = UnixSeconds(payload["nbf"]);
        if (expires is null || DateTimeOffset.FromUnixTimeSeconds(expires.Value) + Skew < now ||
            (notBefore is not null && DateTimeOffset.FromUnixTimeSeconds(notBefore.Value) - Skew > now))
        {
            return (700024, "Client assertion is not within its valid time range.");
        }

        return null;
    }

    private static bool SignatureIsValid(X509Certificate2 certificate, string? algorithm, string[] parts)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            return false;
        }

        var padding = algorithm switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        if (padding is null)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = FromBase64Url(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, padding);
    }

    /// <summary>NumericDate (RFC 7519), which some clients (MSAL among them) write as a JSON string.</summary>
    private static long? UnixSeconds(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<long>(out var number) || (value.TryGetValue<string>(out var text) && long.TryParse(text, out number)))
            ? number
            : null;

    private static byte[]? TryFromBase64Url(string? text)
    {
        try
        {
            return string.IsNullOrEmpty(text) ? null : FromBase64Url(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
