using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>A token request as an OAuth server reads it: the form, and the client from HTTP Basic (RFC 6749 §2.3.1) or the body.</summary>
public sealed class OAuthRequest
{
    private OAuthRequest(IFormCollection form, string? clientId, string? clientSecret, string? clientAuthentication)
    {
        Form = form;
        ClientId = clientId;
        ClientSecret = clientSecret;
        ClientAuthentication = clientAuthentication;
    }

    public IFormCollection Form { get; }
    public string? ClientId { get; }
    public string? ClientSecret { get; }

    /// <summary><c>basic</c>, <c>body</c> or null when the client sent no credentials.</summary>
    public string? ClientAuthentication { get; }

    public string? GrantType => Form["grant_type"].FirstOrDefault();

    public string? this[string name] => Form[name].FirstOrDefault();

    public static async Task<OAuthRequest?> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync();
        var basic = ReadBasic(request.Headers.Authorization.ToString());
        if (basic is not null)
        {
            return new OAuthRequest(form, basic.Value.Id, basic.Value.Secret, "basic");
        }

        var id = form["client_id"].FirstOrDefault();
        var secret = form["client_secret"].FirstOrDefault();
        return new OAuthRequest(form, id, secret, id is null ? null : "body");
    }

    /// <summary>Base64-decodes, splits at the first colon, then form-url-decodes id and secret.</summary>
    public static (string Id, string Secret)? ReadBasic(string header, bool formEncoded = true)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }

        var id = decoded[..colon];
        var secret = decoded[(colon + 1)..];
        return formEncoded ? (WebUtility.UrlDecode(id), WebUtility.UrlDecode(secret)) : (id, secret);
    }
}
