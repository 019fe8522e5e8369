using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>
/// A pre-signed storage host (think S3 or GCS signed URLs) on its own loopback port: files are addressed by
/// <c>/files/{path}?exp=…&amp;sig=…</c>, the signature is an HMAC over path and expiry, and no Authorization header is expected.
/// Vendors register where the bytes come from (<see cref="AddSource"/>); tests can make downloads break mid-stream.
/// </summary>
public sealed class EmulatorFileHost
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly List<Func<string, byte[]?>> _sources = new();
    private readonly ConcurrentDictionary<string, int> _breaks = new(StringComparer.Ordinal);
    private Uri? _baseUri;

    public EmulatorFileHost(TimeProvider time) => _time = time;

    /// <summary>The file host's root, for example <c>http://127.0.0.1:51235/</c>; set by <see cref="EmulatorServer"/> once it listens.</summary>
    public Uri BaseUri
    {
        get => _baseUri ?? throw new InvalidOperationException("The file host is not listening yet.");
        internal set => _baseUri = value;
    }

    /// <summary>The local port, for telling file-host requests from API requests.</summary>
    public int Port => _baseUri?.Port ?? -1;

    /// <summary>A signed URL for <paramref name="path"/> (relative to <c>/files/</c>), valid for <paramref name="lifetime"/>.</summary>
    public Uri CreateSignedUrl(string path, TimeSpan lifetime)
    {
        var expires = _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Uri(BaseUri, "files/" + path + "?exp=" + expires + "&sig=" + Sign(path, expires));
    }

    /// <summary>Why the signature of a request is refused, or null when it is valid.</summary>
    public string? CheckSignature(string path, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature))
        {
            return "Query-string authentication requires the exp and sig parameters.";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(path, expires));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return "The request signature we calculated does not match the signature you provided.";
        }

        if (!long.TryParse(expires, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix) || unix <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return "Request has expired.";
        }

        return null;
    }

    /// <summary>Registers a resolver from a path to the file's bytes (null: not this source's file).</summary>
    public void AddSource(Func<string, byte[]?> source)
    {
        lock (_sources)
        {
            _sources.Add(source);
        }
    }

    public byte[]? Find(string path)
    {
        lock (_sources)
        {
            foreach (var source in _sources)
            {
                if (source(path) is { } content)
                {
                    return content;
                }
            }
        }

        return null;
    }

    /// <summary>The next <paramref name="times"/> downloads of <paramref name="path"/> send half the body, then close the connection short of the declared length.</summary>
    public void BreakDownloads(string path, int times = int.MaxValue) => _breaks[path] = times;

    /// <summary>Consumes one planned break for <paramref name="path"/>; true when this download must break.</summary>
    public bool TakeBreak(string path)
    {
        while (_breaks.TryGetValue(path, out var left))
        {
            if (left <= 0)
            {
                _breaks.TryRemove(path, out _);
                return false;
            }

            if (_breaks.TryUpdate(path, left == int.MaxValue ? left : left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    public void ResetFaults() => _breaks.Clear();

    private string Sign(string path, string expires) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(path + "\n" + expires)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
