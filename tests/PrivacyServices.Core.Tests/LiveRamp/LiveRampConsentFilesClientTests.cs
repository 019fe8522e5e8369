using System.Net;
using System.Security;
using System.Text;
using PrivacyServices.Apis;
using PrivacyServices.Authentication;
using PrivacyServices.Http;
using PrivacyServices.Models;
using PrivacyServices.Tokens;
using Xunit;

namespace PrivacyServices.Core.Tests.LiveRamp;

public sealed class LiveRampConsentFilesClientTests
{
    private static readonly Uri ApiBase = new("https://api.liveramp.com/privacy/v2");

    private static string Item(int n) =>
        $"{{\"id\":\"{new Guid(n, 0, 0, new byte[8])}\",\"identifierType\":\"RAMPID\",\"requestType\":\"OPT_OUT\"," +
        "\"dataController\":{\"liverampControlled\":true},\"fileURL\":\"https://files.example/" + n + ".csv?sig=s\",\"createdAt\":\"2025-01-01T00:00:00Z\"}";

    [Fact]
    public async Task Follows_next_links_page_by_page_until_there_is_none()
    {
        var handler = new StubHandler
        {
            ["https://api.liveramp.com/privacy/v2/consent-files"] = () => Page(new[] { 1, 2 }, "</privacy/v2/consent-files?cursor=2>; rel=\"next\""),
            ["https://api.liveramp.com/privacy/v2/consent-files?cursor=2"] = () => Page(new[] { 3 }, null),
        };
        var client = new LiveRampConsentFilesClient(Pipeline(handler));

        var first = await client.GetPageAsync(client.FirstPageUri, CancellationToken.None);
        var second = await client.GetPageAsync(first.NextPageUri!, CancellationToken.None);

        Assert.Equal(2, first.Files.Count);
        Assert.Equal("https://api.liveramp.com/privacy/v2/consent-files?cursor=2", first.NextPageUri!.AbsoluteUri);
        Assert.Single(second.Files);
        Assert.Null(second.NextPageUri);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer", r.Headers.Authorization!.Scheme));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused_not_followed()
    {
        var handler = new StubHandler
        {
            ["https://api.liveramp.com/privacy/v2/consent-files"] = () => Page(new[] { 1 }, "<https://evil.example/steal?cursor=2>; rel=\"next\""),
        };
        var client = new LiveRampConsentFilesClient(Pipeline(handler));

        var page = await client.GetPageAsync(client.FirstPageUri, CancellationToken.None);
        var error = page.NextLinkRefused!;

        Assert.Single(page.Files);
        Assert.Null(page.NextPageUri);
        Assert.Equal("PrivacyServices.LiveRamp.ForeignNextLink", error.ErrorId);
        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("evil.example", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_page_that_links_itself_is_refused()
    {
        var handler = new StubHandler
        {
            ["https://api.liveramp.com/privacy/v2/consent-files"] = () => Page(new[] { 1 }, "<https://api.liveramp.com/privacy/v2/consent-files>; rel=next"),
        };
        var client = new LiveRampConsentFilesClient(Pipeline(handler));

        var page = await client.GetPageAsync(client.FirstPageUri, CancellationToken.None);

        Assert.Single(page.Files);
        Assert.Null(page.NextPageUri);
        Assert.Equal("PrivacyServices.LiveRamp.PagingLoop", page.NextLinkRefused!.ErrorId);
    }

    [Fact]
    public async Task A_cycle_of_two_pages_is_refused_when_it_comes_back_to_the_first()
    {
        var handler = new StubHandler
        {
            ["https://api.liveramp.com/privacy/v2/consent-files"] = () => Page(new[] { 1 }, "<https://api.liveramp.com/privacy/v2/consent-files?cursor=B>; rel=next"),
            ["https://api.liveramp.com/privacy/v2/consent-files?cursor=B"] = () => Page(new[] { 2 }, "<https://api.liveramp.com/privacy/v2/consent-files>; rel=next"),
        };
        var client = new LiveRampConsentFilesClient(Pipeline(handler));

        var a = await client.GetPageAsync(client.FirstPageUri, CancellationToken.None);
        var b = await client.GetPageAsync(a.NextPageUri!, CancellationToken.None);

        Assert.Null(a.NextLinkRefused);
        Assert.Single(b.Files);
        Assert.Equal("PrivacyServices.LiveRamp.PagingLoop", b.NextLinkRefused!.ErrorId);
        Assert.Contains("after 2 pages", b.NextLinkRefused.Message);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_listing_past_the_page_cap_stops_with_a_limits_error()
    {
        var handler = new StubHandler();
        for (var i = 0; i < 5; i++)
        {
            var here = i;
            handler[$"https://api.liveramp.com/privacy/v2/consent-files{(i == 0 ? string.Empty : "?cursor=" + i)}"] =
                () => Page(new[] { here }, $"<https://api.liveramp.com/privacy/v2/consent-files?cursor={here + 1}>; rel=next");
        }

        var client = new LiveRampConsentFilesClient(Pipeline(handler), pageCap: 3);
        var uri = client.FirstPageUri;
        ConsentFilePage page;
        do
        {
            page = await client.GetPageAsync(uri, CancellationToken.None);
            uri = page.NextPageUri!;
        }
        while (uri != null);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("PrivacyServices.LiveRamp.PageCapReached", page.NextLinkRefused!.ErrorId);
        Assert.Equal(PrivacyErrorKind.LimitsExceeded, page.NextLinkRefused.Kind);
    }

    [Fact]
    public async Task LiveRamp_error_bodies_become_errors_with_their_code()
    {
        var handler = new StubHandler
        {
            ["https://api.liveramp.com/privacy/v2/consent-files"] = () => new HttpResponseMessage((HttpStatusCode)422)
            {
                Content = new StringContent("{\"httpStatuscode\":422,\"message\":\"Invalid filter\",\"errorCode\":\"INPUT_VALIDATION_ERROR\"}", Encoding.UTF8, "application/json"),
            },
        };
        var client = new LiveRampConsentFilesClient(Pipeline(handler));

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.GetPageAsync(client.FirstPageUri, CancellationToken.None));

        Assert.Equal(PrivacyErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("INPUT_VALIDATION_ERROR", error.VendorCode);
        Assert.Contains("Invalid filter", error.Message);
        Assert.Equal(422, error.StatusCode);
    }

    private static HttpResponseMessage Page(int[] items, string? link)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("[" + string.Join(",", items.Select(Item)) + "]", Encoding.UTF8, "application/json"),
        };
        if (link != null)
        {
            response.Headers.TryAddWithoutValidation("Link", link);
        }

        return response;
    }

    private static SessionHttpClient Pipeline(StubHandler handler)
    {
        var token = new SecureString();
        foreach (var c in "opaque-test-token")
        {
            token.AppendChar(c);
        }

        var tokens = new TokenCache(new StaticTokenSource(token), new RefreshPolicy(TimeSpan.FromSeconds(60)));
        return new SessionHttpClient(new HttpClient(handler), tokens, ApiBase, null, new RetryPolicy(0), TimeSpan.FromSeconds(10));
    }

    /// <summary>Answers by exact URI and records what was sent.</summary>
    private sealed class StubHandler : HttpMessageHandler, IEnumerable<KeyValuePair<string, Func<HttpResponseMessage>>>
    {
        private readonly Dictionary<string, Func<HttpResponseMessage>> _responses = new();

        public List<HttpRequestMessage> Requests { get; } = new();

        public Func<HttpResponseMessage> this[string uri]
        {
            set => _responses[uri] = value;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(_responses.TryGetValue(request.RequestUri!.AbsoluteUri, out var respond)
                ? respond()
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        public IEnumerator<KeyValuePair<string, Func<HttpResponseMessage>>> GetEnumerator() => _responses.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
