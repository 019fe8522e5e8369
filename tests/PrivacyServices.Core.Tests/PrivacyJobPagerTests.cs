using Xunit;
using System.Net;
using System.Security;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacyServices.Apis;
using PrivacyServices.Authentication;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests;

public sealed class PrivacyJobPagerTests
{
    private static readonly string[] Ids = { "j1", "j2", "j3", "j4", "j5" };

    [Theory]
    [InlineData(0, 5, 3)]   // Adobe's guides: page 0 first
    [InlineData(1, 5, 4)]   // the older spec: page 0 and 1 are both the first page
    public void Pages_are_walked_until_a_short_page_without_repeating_jobs(int firstPage, int expectedJobs, int expectedRequests)
    {
        var server = new PagedServer(page => Ids.Skip(Math.Max(0, page - firstPage) * 2).Take(2));
        var (jobs, requests) = ListAll(server);
        Assert.Equal(expectedJobs, jobs.Count);
        Assert.Equal(Ids, jobs.OrderBy(j => j));
        Assert.Equal(expectedRequests, requests);
        Assert.All(server.Queries, q => Assert.Contains("regulation=gdpr", q, StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_that_ignores_page_does_not_loop_forever()
    {
        var server = new PagedServer(_ => Ids.Take(2));
        var (jobs, requests) = ListAll(server);
        Assert.Equal(new[] { "j1", "j2" }, jobs);
        Assert.Equal(3, requests);
    }

    private static (List<string> Jobs, int Requests) ListAll(PagedServer server)
    {
        var token = new SecureString();
        foreach (var c in "opaque-token")
        {
            token.AppendChar(c);
        }

        using var http = new SessionHttpClient(
            new HttpClient(server),
            new TokenCache(new StaticTokenSource(token), new RefreshPolicy(TimeSpan.FromSeconds(60))),
            new Uri("http://127.0.0.1/adobe/data/core/privacy"),
            null,
            new RetryPolicy(0),
            TimeSpan.FromSeconds(10));
        var pager = new PrivacyJobPager(new AdobePrivacyJobsClient(http, "ORG@AdobeOrg"), new PrivacyJobQuery("gdpr") { PageSize = 2 });
        var jobs = new List<string>();
        while (pager.HasMore)
        {
            jobs.AddRange(pager.NextPageAsync(CancellationToken.None).GetAwaiter().GetResult().Select(j => j.JobId));
            Assert.True(server.Queries.Count < 20, "the pager did not stop");
        }

        return (jobs, server.Queries.Count);
    }

    private sealed class PagedServer : HttpMessageHandler
    {
        private readonly Func<int, IEnumerable<string>> _page;

        public PagedServer(Func<int, IEnumerable<string>> page) => _page = page;

        public List<string> Queries { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            Queries.Add(query);
            var page = int.Parse(System.Web.HttpUtility.ParseQueryString(query)["page"]!, System.Globalization.CultureInfo.InvariantCulture);
            var details = new JArray(_page(page).Select(id => new JObject { ["jobId"] = id, ["status"] = "complete" }));
            var body = new JObject { ["totalRecords"] = Ids.Length, ["jobDetails"] = details }.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
