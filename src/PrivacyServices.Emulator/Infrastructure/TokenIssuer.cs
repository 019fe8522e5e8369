using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>Issues HS256-signed JWTs and validates them (signature, expiry, audience provider, revocation).</summary>
public sealed class TokenIssuer
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly HashSet<string> _revoked = new();
    private readonly object _lock = new();

    private const int MaxRemembered = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _issued = new();

    public TokenIssuer(TimeProvider time) => _time = time;

    /// <summary>The most recent tokens issued (access, refresh, id), so canary tests can prove none of them leaks.</summary>
    public IReadOnlyCollection<string> Issued => _issued.ToArray();

    public string Issue(string provider, string subject, string use, TimeSpan lifetime, string? scope = null, IDictionary<string, object?>? extraClaims = null)
    {
        var now = _time.GetUtcNow();
        var payload = new JsonObject
        {
            ["iss"] = "https://emulator.privacyservices.local/" + provider,
            ["sub"] = subject,
            ["aud"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iat_ms"] = now.ToUnixTimeMilliseconds(), // the emulator's own: fault switches need the age of a token to the millisecond
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["prv"] = provider,
            ["use"] = use,
        };
        if (scope is not null)
        {
            payload["scope"] = scope;
        }

        if (extraClaims is not null)
        {
            foreach (var (name, value) in extraClaims)
            {
                payload[name] = JsonValue.Create(value);
            }
        }

        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var body = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var token = header + "." + body + "." + Sign(header + "." + body);
        _issued.Enqueue(token);
        while (_issued.Count > MaxRemembered && _issued.TryDequeue(out _))
        {
        }

        return token;
    }

    /// <summary>The token's claims when it is valid for <paramref name="provider"/> and <paramref name="use"/>; null otherwise.</summary>
    public JsonObject? Validate(string? token, string provider, string use)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        JsonObject? claims;
        try
        {
            claims = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (claims is null || (string?)claims["prv"] != provider || (string?)claims["use"] != use)
        {
            return null;
        }

        if ((long?)claims["exp"] <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return null;
        }

        lock (_lock)
        {
            return _revoked.Contains((string?)claims["jti"] ?? string.Empty) ? null : claims;
        }
    }

    /// <summary>Makes every token issued so far invalid (the "tokens expire early" fault).</summary>
    public void RevokeAll(IEnumerable<string> jtis)
    {
        lock (_lock)
        {
            foreach (var jti in jtis)
            {
                _revoked.Add(jti);
            }
        }
    }

    /// <summary>When a token this issuer signed was issued; null for anything else.</summary>
    public DateTimeOffset? IssuedAt(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(FromBase64Url(parts[1])) is JsonObject claims && (long?)claims["iat_ms"] is long iat
                ? DateTimeOffset.FromUnixTimeMilliseconds(iat)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Revoke(string token)
    {
        var parts = token.Split('.');
        if (parts.Length == 3 && JsonNode.Parse(FromBase64Url(parts[1])) is JsonObject claims && (string?)claims["jti"] is { } jti)
        {
            RevokeAll(new[] { jti });
        }
    }

    private string Sign(string data) => Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(data)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
