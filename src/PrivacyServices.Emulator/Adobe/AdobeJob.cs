using System.Globalization;
using System.Text.Json.Nodes;

namespace PrivacyServices.Emulator.Adobe;

/// <summary>One privacy job as the emulated Privacy Service keeps it: one user, one action, the products it runs in.</summary>
public sealed class AdobeJob
{
    public AdobeJob(long sequence, string jobId, string requestId, string userKey, string action, string regulation, string submittedBy, JsonArray userIds, IReadOnlyList<string> products, DateTimeOffset created)
    {
        Sequence = sequence;
        JobId = jobId;
        RequestId = requestId;
        UserKey = userKey;
        Action = action;
        Regulation = regulation;
        SubmittedBy = submittedBy;
        UserIds = userIds;
        Products = products;
        Created = created;
        LastModified = created;
    }

    public long Sequence { get; }
    public string JobId { get; }
    public string RequestId { get; }
    public string UserKey { get; }
    public string Action { get; }
    public string Regulation { get; }
    public string SubmittedBy { get; }
    public JsonArray UserIds { get; }
    public IReadOnlyList<string> Products { get; }
    public DateTimeOffset Created { get; }
    public DateTimeOffset LastModified { get; set; }

    /// <summary><c>submitted</c>, <c>processing</c>, <c>complete</c> or <c>error</c>.</summary>
    public string Status { get; set; } = AdobeJobStatus.Submitted;

    /// <summary>How many times GET /jobs/{id} has read the job in its current status.</summary>
    public int PollsInStatus { get; set; }

    /// <summary>Adobe's date format: <c>MM/dd/yyyy hh:mm tt GMT</c> (not ISO 8601).</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("MM/dd/yyyy hh:mm tt", CultureInfo.InvariantCulture) + " GMT";
}

public static class AdobeJobStatus
{
    public const string Submitted = "submitted";
    public const string Processing = "processing";
    public const string Complete = "complete";
    public const string Error = "error";

    public static readonly string[] All = { Submitted, Processing, Complete, Error };

    public static string Next(string status) => status switch
    {
        Submitted => Processing,
        Processing => Complete,
        _ => status,
    };
}
