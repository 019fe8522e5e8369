using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// The signed-URL storage host, answering only on its own port (<see cref="EmulatorServer.FileHostUri"/>).
/// Like S3, it refuses a request that carries an Authorization header as well as a query signature, and counts them
/// (<c>files.withAuthorization</c>) so tests can prove the module never sends its bearer token here.
/// </summary>
public static class FileHostEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapGet("/files/{**path}", async (string path, HttpContext context) =>
        {
            var files = state.Files;
            var request = context.Request;
            state.Counters.Increment("files.download");
            if (request.Headers.ContainsKey("Authorization"))
            {
                state.Counters.Increment("files.withAuthorization");
                return StorageError(400, "InvalidArgument", "Only one auth mechanism allowed; only the sig query parameter or the Authorization header should be specified.");
            }

            var refused = files.CheckSignature(path, request.Query["exp"].FirstOrDefault(), request.Query["sig"].FirstOrDefault());
            if (refused is not null)
            {
                state.Counters.Increment("files.signatureRejected");
                return StorageError(403, "AccessDenied", refused);
            }

            var content = files.Find(path);
            if (content is null)
            {
                return StorageError(404, "NoSuchKey", "The specified key does not exist.");
            }

            // Storage hosts resume downloads: Range "bytes=N-" with If-Range (the ETag) answers 206 with the rest.
            var etag = EntityTag(content);
            var start = ResumeFrom(request, etag, content.Length);
            var length = content.Length - start;
            context.Response.Headers.ETag = etag;
            context.Response.Headers.AcceptRanges = "bytes";
            context.Response.ContentType = "text/csv";
            if (start > 0)
            {
                state.Counters.Increment("files.resumed");
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
            }

            context.Response.ContentLength = length;
            if (files.TakeBreak(path))
            {
                state.Counters.Increment("files.broken");
                await context.Response.Body.WriteAsync(content.AsMemory(start, length / 2));
                await context.Response.Body.FlushAsync();

                // Ending short of the declared Content-Length makes Kestrel close the connection after the bytes sent, so
                // the client always reads exactly the first half, then a premature end (an abort could discard unread data).
                return Results.Empty;
            }

            await context.Response.Body.WriteAsync(content.AsMemory(start, length));
            return Results.Empty;
        });

        // Control (main port): POST /_emulator/files/break?path=<id>.csv&times=1 (POST /_emulator/reset clears it)
        app.MapPost("/_emulator/files/break", (string path, int? times) =>
        {
            state.Files.BreakDownloads(path, times ?? int.MaxValue);
            return Results.NoContent();
        });
    }

    private static string EntityTag(byte[] content) =>
        "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content), 0, 8).ToLowerInvariant() + "\"";

    /// <summary>Where a resumed download starts: 0 unless Range is "bytes=N-" within the file and If-Range (if sent) is the current ETag.</summary>
    private static int ResumeFrom(HttpRequest request, string etag, int length)
    {
        var range = request.Headers.Range.ToString();
        if (!range.StartsWith("bytes=", StringComparison.Ordinal) || !range.EndsWith('-'))
        {
            return 0;
        }

        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length > 0 && ifRange != etag)
        {
            return 0;
        }

        return int.TryParse(range["bytes=".Length..^1], out var start) && start > 0 && start < length ? start : 0;
    }

    private static IResult StorageError(int status, string code, string message) =>
        Results.Text($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>", "application/xml", statusCode: status);
}
