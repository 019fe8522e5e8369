using PrivacyServices.Downloads;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;
using Xunit;

namespace PrivacyServices.Core.Tests.LiveRamp;

/// <summary>The downloader against the emulator's signed-URL file host (its own port, like a storage host).</summary>
public sealed class SignedUrlDownloaderTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ps-download-" + Guid.NewGuid().ToString("N"));
    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _server = await EmulatorServer.StartAsync();
        _server.State.LiveRamp.Count = 3;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private EmulatorCounters Counters => _server.State.Counters;

    private static SignedUrlDownloader Downloader(int maxRetry = 2) =>
        new(new RetryPolicy(maxRetry, baseDelay: TimeSpan.Zero), TimeSpan.FromSeconds(10));

    private (Guid Id, Uri Url, string Destination) FileNumber(int index)
    {
        var record = LiveRampCatalog.Get(index);
        return (record.Id, _server.State.Files.CreateSignedUrl(record.FilePath, TimeSpan.FromMinutes(5)), Path.Combine(_folder, record.FilePath));
    }

    [Fact]
    public async Task Downloads_without_an_Authorization_header_and_reports_progress_in_bytes()
    {
        var (id, url, destination) = FileNumber(0);
        var reports = new List<DownloadProgress>();

        var result = await Downloader().DownloadAsync(url, destination, reports.Add, CancellationToken.None);

        var expected = LiveRampCatalog.ContentFor(id);
        Assert.Equal(expected, await File.ReadAllBytesAsync(destination));
        Assert.Equal(expected.Length, result.Bytes);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, Counters["files.download"]);
        Assert.Equal(0, Counters["files.withAuthorization"]);
        Assert.Equal(0, reports[0].BytesReceived);
        Assert.Equal(expected.Length, reports[^1].BytesReceived);
        Assert.Equal(100, reports[^1].Percent);
        Assert.All(reports, r => Assert.Equal(expected.Length, r.TotalBytes));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(destination)!, Path.GetFileName(destination) + ".*" + PartialFile.Suffix));
    }

    [Fact]
    public async Task A_download_broken_once_is_resumed_from_where_it_broke_and_completes()
    {
        var (id, url, destination) = FileNumber(1);
        _server.State.Files.BreakDownloads(LiveRampCatalog.Get(1).FilePath, times: 1);

        var result = await Downloader().DownloadAsync(url, destination, null, CancellationToken.None);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, Counters["files.download"]);
        Assert.Equal(1, Counters["files.broken"]);
        Assert.Equal(1, Counters["files.resumed"]);
        Assert.Equal(LiveRampCatalog.ContentFor(id), await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task A_download_that_keeps_breaking_leaves_neither_the_file_nor_the_partial_and_keeps_an_existing_file()
    {
        var (_, url, destination) = FileNumber(2);
        await File.WriteAllTextAsync(destination, "previous version");
        _server.State.Files.BreakDownloads(LiveRampCatalog.Get(2).FilePath);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => Downloader(maxRetry: 2).DownloadAsync(url, destination, null, CancellationToken.None));

        Assert.Equal(PrivacyErrorKind.Connection, error.Kind);
        var length = LiveRampCatalog.ContentFor(LiveRampCatalog.Get(2).Id).Length;
        // Each attempt resumes where the last broke off and gets half of what was left: 1/2, 3/4, 7/8 of the file.
        var have = length / 2;
        have += (length - have) / 2;
        have += (length - have) / 2;
        Assert.Contains($"broke off after {have:N0} of {length:N0} bytes", error.Message);
        Assert.Contains("after 2 retries", error.Message);
        Assert.Contains("No file was written under the final name", error.Message);
        Assert.Equal(2, Counters["files.resumed"]);
        Assert.Contains("sig=***", error.Message);
        Assert.Equal(3, Counters["files.broken"]);
        Assert.Equal("previous version", await File.ReadAllTextAsync(destination));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Cancelling_mid_download_deletes_the_partial_file()
    {
        var (_, url, destination) = FileNumber(1);
        _server.State.Files.BreakDownloads(LiveRampCatalog.Get(1).FilePath);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader().DownloadAsync(
            url,
            destination,
            progress =>
            {
                if (progress.BytesReceived > 0)
                {
                    Assert.Single(Directory.GetFiles(Path.GetDirectoryName(destination)!, Path.GetFileName(destination) + ".*" + PartialFile.Suffix));
                    cancel.Cancel();
                }
            },
            cancel.Token));

        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Equal(1, Counters["files.download"]);
    }

    [Fact]
    public async Task An_existing_file_is_replaced_whole()
    {
        var (id, url, destination) = FileNumber(0);
        await File.WriteAllTextAsync(destination, "stale");

        await Downloader().DownloadAsync(url, destination, null, CancellationToken.None);

        Assert.Equal(LiveRampCatalog.ContentFor(id), await File.ReadAllBytesAsync(destination));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("sig=forged", "AccessDenied")]
    [InlineData("exp=1&sig=whatever", "AccessDenied")]
    public async Task A_refused_signature_is_not_retried_and_writes_nothing(string query, string code)
    {
        var (_, url, destination) = FileNumber(0);
        var tampered = new Uri(url.GetLeftPart(UriPartial.Path) + "?" + (query.StartsWith("exp") ? query : "exp=9999999999&" + query));

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => Downloader().DownloadAsync(tampered, destination, null, CancellationToken.None));

        Assert.Equal(PrivacyErrorKind.PermissionDenied, error.Kind);
        Assert.Contains(code, error.Message);
        Assert.Equal(1, Counters["files.download"]);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_plain_http_url_off_loopback_is_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() =>
            Downloader().DownloadAsync(new Uri("http://storage.example/f.csv?sig=abc"), Path.Combine(_folder, "f.csv"), null, CancellationToken.None));

        Assert.Equal("PrivacyServices.Transport.InsecureUri", error.ErrorId);
        Assert.DoesNotContain("abc", error.Message);
    }
}
