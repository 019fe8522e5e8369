using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using PrivacyServices.Apis;
using PrivacyServices.Authentication;
using PrivacyServices.Downloads;
using PrivacyServices.Http;
using PrivacyServices.Http.Transport;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests.Transport;

/// <summary>
/// The one send path against servers that misbehave on the wire: bodies cut short or stalled, huge error bodies,
/// redirects, and hosts that are not there. Counts are read at the server.
/// </summary>
public sealed class SendPathFaultTests
{
    private static string Item(int n) =>
        $"{{\"id\":\"{new Guid(n, 0, 0, new byte[8])}\",\"identifierType\":\"RAMPID\",\"requestType\":\"OPT_OUT\"," +
        "\"dataController\":{\"liverampControlled\":true},\"fileURL\":\"https://files.example/" + n + ".csv?sig=s\",\"createdAt\":\"2025-01-01T00:00:00Z\"}";

    private static readonly byte[] ThreeFiles = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(1, 3).Select(Item)) + "]");

    private static SessionHttpClient Client(Uri apiBase, TimeSpan timeout, int maxRetry = 2)
    {
        var token = new SecureString();
        foreach (var c in "opaque-test-token")
        {
            token.AppendChar(c);
        }

        var tokens = new TokenCache(new StaticTokenSource(token), new RefreshPolicy(TimeSpan.FromSeconds(60)));
        return new SessionHttpClient(
            HttpClients.Create(HttpClients.DefaultSettings, Timeout.InfiniteTimeSpan),
            tokens,
            apiBase,
            null,
            new RetryPolicy(maxRetry, baseDelay: TimeSpan.Zero),
            timeout);
    }

    /// <summary>Declares the whole length, sends <paramref name="fraction"/> of it, and ends: the client sees the body break off.</summary>
    private static async Task SendCut(HttpContext context, byte[] body, double fraction = 0.5)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, (int)(body.Length * fraction)));
        await context.Response.Body.FlushAsync();
    }

    [Fact]
    public async Task A_consent_file_page_whose_body_breaks_off_is_read_again_whole()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) => n == 1
            ? SendCut(context, ThreeFiles)
            : context.Response.Body.WriteAsync(ThreeFiles).AsTask());
        using var http = Client(server.Url("privacy/"), TimeSpan.FromSeconds(10));
        var client = new LiveRampConsentFilesClient(http);

        var page = await client.GetPageAsync(client.FirstPageUri, CancellationToken.None);

        Assert.Equal(3, page.Files.Count);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_JSON_answer_whose_body_breaks_off_is_read_again_for_a_GET()
    {
        var body = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 50_000) + "\"}");
        await using var server = await LoopbackServer.StartAsync((context, n) => n == 1 ? SendCut(context, body) : context.Response.Body.WriteAsync(body).AsTask());
        using var http = Client(server.Url("api/"), TimeSpan.FromSeconds(10));
        var client = new GenericApiClient(http);

        var response = await client.SendAsync("GET", client.Resolve("thing"), null, null, null, CancellationToken.None);

        Assert.Equal(body.Length, response.Body.Length);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_POST_whose_answer_breaks_off_is_not_resent_and_says_so()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) => SendCut(context, ThreeFiles));
        using var http = Client(server.Url("api/"), TimeSpan.FromSeconds(10));
        var client = new GenericApiClient(http);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("POST", client.Resolve("jobs"), "{}", null, null, CancellationToken.None));

        Assert.Equal(1, server.Requests);
        Assert.Equal("PrivacyServices.Api.ConnectionFailed", error.ErrorId);
        Assert.Contains("not resent", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task A_body_that_stalls_ends_at_the_request_timeout_with_a_timeout_error()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(async (context, n) =>
        {
            context.Response.ContentLength = ThreeFiles.Length;
            await context.Response.Body.WriteAsync(ThreeFiles.AsMemory(0, 10));
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { });
        });
        using var http = Client(server.Url("privacy/"), TimeSpan.FromMilliseconds(500), maxRetry: 1);
        var client = new LiveRampConsentFilesClient(http);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.GetPageAsync(client.FirstPageUri, CancellationToken.None));
        release.Cancel();

        Assert.Equal(PrivacyErrorKind.Timeout, error.Kind);
        Assert.Equal("PrivacyServices.Api.Timeout", error.ErrorId);
        Assert.Contains("within 0.5 s", error.Message);
        Assert.Contains("after 1 retry)", error.Message);
        Assert.Equal(2, http.CallCount); // sent twice (under load the second may time out before the server's handler starts)
        Assert.InRange(server.Requests, 1, 2);
    }

    [Fact]
    public async Task A_300_MB_error_body_is_read_only_up_to_the_cap()
    {
        var chunk = Encoding.ASCII.GetBytes(new string('e', 64 * 1024));
        long sent = 0;
        await using var server = await LoopbackServer.StartAsync(async (context, n) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = 300L * 1024 * 1024;
            try
            {
                // Kestrel discards writes after the client has gone without always throwing: stop counting there.
                for (var i = 0; i < 300 * 16 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref sent, chunk.Length);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
            }
        });
        using var http = Client(server.Url("api/"), TimeSpan.FromSeconds(30), maxRetry: 0);
        var client = new GenericApiClient(http);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("POST", client.Resolve("jobs"), "{}", null, null, CancellationToken.None));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(500, error.StatusCode);
        Assert.True(error.Message.Length < 2 * HttpErrors.ErrorBodyCap, $"message of {error.Message.Length:N0} characters");
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated:N0} bytes allocated while refusing a 300 MB error body");
        // What the server managed to write says little (Kestrel completes writes to a client that has gone); what the client allocated is the proof.
    }

    [Fact]
    public async Task A_closed_port_is_explained_as_a_refused_connection_with_the_cause_kept()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = Client(new Uri($"http://127.0.0.1:{port}/api/"), TimeSpan.FromSeconds(5), maxRetry: 0);
        var client = new GenericApiClient(http);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("GET", client.Resolve("x"), null, null, null, CancellationToken.None));

        Assert.Equal("PrivacyServices.Api.ConnectionFailed", error.ErrorId);
        Assert.Contains($"127.0.0.1:{port} refused the connection", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_is_explained_as_DNS()
    {
        using var http = Client(new Uri("https://no-such-host.invalid/api/"), TimeSpan.FromSeconds(10), maxRetry: 0);
        var client = new GenericApiClient(http);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("GET", client.Resolve("x"), null, null, null, CancellationToken.None));

        Assert.Contains("no-such-host.invalid could not be resolved (DNS)", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Explanations_cover_the_NET_Framework_failure_statuses()
    {
        var target = new Uri("https://api.vendor.example/v1");

        Assert.Contains("TLS handshake with api.vendor.example failed", NetworkFailure.Explain(new HttpRequestException("x", new WebException("y", WebExceptionStatus.SecureChannelFailure)), target, TimeSpan.FromSeconds(5), false));
        Assert.Contains("could not be resolved (DNS)", NetworkFailure.Explain(new HttpRequestException("x", new WebException("y", WebExceptionStatus.NameResolutionFailure)), target, TimeSpan.FromSeconds(5), false));
        Assert.Contains("TLS handshake", NetworkFailure.Explain(new HttpRequestException("x", new System.Security.Authentication.AuthenticationException("bad")), target, TimeSpan.FromSeconds(5), false));
        Assert.Contains("within 100 s", NetworkFailure.Explain(new TaskCanceledException(), target, TimeSpan.FromSeconds(100), true));
        Assert.Contains("HTTP 407", NetworkFailure.Explain(new HttpRequestException("The proxy tunnel request to proxy 'http://p/' failed with status code '407'."), target, TimeSpan.FromSeconds(5), false));
    }

    [Fact]
    public async Task Headers_with_a_line_break_are_refused_before_anything_is_sent()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) => Task.CompletedTask);
        using var http = Client(server.Url("api/"), TimeSpan.FromSeconds(5));
        var client = new GenericApiClient(http);
        var headers = new Dictionary<string, string> { ["X-Note"] = "ok\r\nX-Injected: yes" };

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("GET", client.Resolve("x"), null, null, headers, CancellationToken.None));

        Assert.Equal("PrivacyServices.Request.HeaderInvalid", error.ErrorId);
        Assert.Equal("Headers", error.Parameter);
        Assert.Contains("carriage return (CR) at position 3", error.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_body_with_GET_is_refused_before_anything_is_sent()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) => Task.CompletedTask);
        using var http = Client(server.Url("api/"), TimeSpan.FromSeconds(5));
        var client = new GenericApiClient(http);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("GET", client.Resolve("x"), "{}", null, null, CancellationToken.None));

        Assert.Equal("Body", error.Parameter);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Downloads_follow_a_few_redirects_but_not_a_loop()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/hop" + n;
            return Task.CompletedTask;
        });
        var downloader = new SignedUrlDownloader(HttpClients.Create(HttpClients.DefaultSettings, Timeout.InfiniteTimeSpan), new RetryPolicy(0), TimeSpan.FromSeconds(5));
        var destination = Path.Combine(Path.GetTempPath(), "ps-redirect-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => downloader.DownloadAsync(server.Url("file.csv?sig=abc"), destination, null, CancellationToken.None));

        Assert.Equal("PrivacyServices.Download.TooManyRedirects", error.ErrorId);
        Assert.Equal(SignedUrlDownloader.MaxRedirects + 1, server.Requests);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task A_download_redirected_from_HTTPS_to_HTTP_is_not_followed()
    {
        var handler = new RedirectingHandler(new Uri("http://storage.example/file.csv?sig=abc"));
        var downloader = new SignedUrlDownloader(new HttpClient(handler), new RetryPolicy(0), TimeSpan.FromSeconds(5));
        var destination = Path.Combine(Path.GetTempPath(), "ps-redirect-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => downloader.DownloadAsync(new Uri("https://storage.example/file.csv?sig=abc"), destination, null, CancellationToken.None));

        Assert.Equal("PrivacyServices.Download.InsecureRedirect", error.ErrorId);
        Assert.Contains("sig=***", error.Message);
        Assert.Equal(1, handler.Requests);
    }

    private sealed class RedirectingHandler : HttpMessageHandler
    {
        private readonly Uri _to;

        public RedirectingHandler(Uri to) => _to = to;

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = _to;
            return Task.FromResult(response);
        }
    }
}
