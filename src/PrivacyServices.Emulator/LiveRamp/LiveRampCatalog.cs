using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>One emulated LiveRamp consent file, as the list endpoint reports it (fileURL is signed per listing).</summary>
public sealed record LiveRampConsentFileRecord(
    int Index,
    Guid Id,
    string IdentifierType,
    string? MuidDeviceType,
    string? MuidFormat,
    string RequestType,
    string ControllerSpecifier,
    string ControllerId,
    bool LiveRampControlled,
    DateTimeOffset CreatedAt)
{
    /// <summary>The object's path on the file host.</summary>
    public string FilePath => Id.ToString("D") + ".csv";
}

/// <summary>
/// The emulated account's consent files: a deterministic list (the same index always gives the same file and the same
/// CSV bytes), its size and page size adjustable by tests or <c>POST /_emulator/liveramp/consent-files</c>.
/// </summary>
public sealed class LiveRampCatalog
{
    public const int DefaultCount = 250;
    public const int DefaultPageSize = 100;

    private static readonly string[] IdentifierTypes = { "IDENTITYLINK", "COOKIE", "MUID", "CUSTOM_ID", "HPI", "RAMPID" };
    private static readonly string[] MuidDeviceTypes = { "AAID", "IDFA", "MIXED" };
    private static readonly string[] MuidFormats = { "RAW", "HASHED" };
    private static readonly DateTimeOffset FirstCreatedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private volatile int _count = DefaultCount;
    private volatile int _pageSize = DefaultPageSize;

    /// <summary>How many consent files the account has.</summary>
    public int Count
    {
        get => _count;
        set => _count = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Files per page; when it is at least <see cref="Count"/>, the list is one bare array without a Link header.</summary>
    public int PageSize
    {
        get => _pageSize;
        set => _pageSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Send the next link as a relative reference (<c>&lt;/liveramp/…?cursor=…&gt;</c>) instead of an absolute URI.</summary>
    public bool RelativeNextLinks { get; set; }

    /// <summary>How long the signed fileURLs of a listing stay valid.</summary>
    public TimeSpan FileUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    public void Reset()
    {
        Count = DefaultCount;
        PageSize = DefaultPageSize;
        RelativeNextLinks = false;
        FileUrlLifetime = TimeSpan.FromHours(1);
    }

    public IEnumerable<LiveRampConsentFileRecord> All() => Enumerable.Range(0, Count).Select(Get);

    public static LiveRampConsentFileRecord Get(int index)
    {
        var identifierType = IdentifierTypes[index % IdentifierTypes.Length];
        var isMuid = identifierType == "MUID";
        return new LiveRampConsentFileRecord(
            index,
            IdFor(index),
            identifierType,
            isMuid ? MuidDeviceTypes[(index / IdentifierTypes.Length) % MuidDeviceTypes.Length] : null,
            isMuid ? MuidFormats[(index / IdentifierTypes.Length) % MuidFormats.Length] : null,
            index % 7 < 4 ? "OPT_OUT" : "DELETE",
            "SEAT_ID",
            "seat-" + (1000 + (index % 3)).ToString(CultureInfo.InvariantCulture),
            index % 4 == 0,
            FirstCreatedAt.AddHours(index));
    }

    /// <summary>A stable version-4-shaped UUID per index.</summary>
    public static Guid IdFor(int index)
    {
        var bytes = MD5.HashData(Encoding.ASCII.GetBytes("liveramp-consent-file-" + index.ToString(CultureInfo.InvariantCulture)));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>The CSV the file host serves for a consent file: 2–6 KB, the same bytes every time.</summary>
    public static byte[] ContentFor(Guid id)
    {
        var seed = BitConverter.ToInt32(id.ToByteArray(), 0) & 0x7FFFFFFF;
        var rows = 40 + (seed % 80);
        var text = new StringBuilder("identifier,requested_at\n");
        for (var row = 0; row < rows; row++)
        {
            var identifier = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(id.ToString("N") + ":" + row.ToString(CultureInfo.InvariantCulture))));
            text.Append(identifier, 0, 32).Append(',').Append("2025-01-01T00:00:00Z").Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The bytes for a file-host path of this catalog (<c>{id}.csv</c>), or null.</summary>
    public byte[]? FindContent(string path)
    {
        if (!path.EndsWith(".csv", StringComparison.Ordinal) || !Guid.TryParseExact(path[..^4], "D", out var id))
        {
            return null;
        }

        // Only files that exist in the account now: a shrunk catalog stops serving the rest.
        for (var index = 0; index < Count; index++)
        {
            if (IdFor(index) == id)
            {
                return ContentFor(id);
            }
        }

        return null;
    }
}
