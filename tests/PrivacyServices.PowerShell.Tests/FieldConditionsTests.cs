using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The emulator made to look like the field: a rate limit answered in the vendor's own format, requests in flight counted,
/// and Adobe jobs that move on whichever route reads them (or by time).
/// </summary>
public sealed class FieldConditionsTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly HttpClient _http = new();

    public FieldConditionsTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose()
    {
        State.Field.Set(FieldSettings.None);
        State.Adobe.Reset();
        _http.Dispose();
    }

    [Fact]
    public async Task Over_the_rate_limit_a_client_gets_429_with_Retry_After_in_the_vendors_format()
    {
        State.Field.Set(new FieldSettings(TimeSpan.Zero, TimeSpan.Zero, 1));
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add(await _http.GetAsync(_emulator.Server.Url("/liveramp/privacy/v2/consent-files")));
        }

        var throttled = statuses.Where(r => (int)r.StatusCode == 429).ToList();
        Assert.NotEmpty(throttled);
        Assert.True(throttled[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("TOO_MANY_REQUESTS", (string?)JsonNode.Parse(await throttled[0].Content.ReadAsStringAsync())!["errorCode"]);
        Assert.Equal(throttled.Count, State.Counters["ratelimit.rejected"]);
        statuses.ForEach(r => r.Dispose());
    }

    [Fact]
    public void The_module_waits_out_the_rate_limit_and_every_call_succeeds()
    {
        State.Field.Set(new FieldSettings(TimeSpan.Zero, TimeSpan.Zero, 2));
        using var module = new HostedModule();
        module.Run(Scripts.ConnectGeneric, _emulator.Root);

        var result = module.Invoke("1..6 | ForEach-Object { Invoke-PrivacyServiceRequest -Uri echo }");

        Assert.Empty(result.Errors);
        Assert.Equal(6, result.Output.Count);
        Assert.True(State.Counters["ratelimit.rejected"] > 0, "the limit never applied: the test proves nothing");
    }

    [Fact]
    public async Task Requests_in_flight_are_counted_and_their_peak_kept()
    {
        State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(400), null));
        var calls = Enumerable.Range(0, 4).Select(_ => _http.GetAsync(_emulator.Server.Url("/generic/api/echo"))).ToArray();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode)); // no token: each answered after the latency
        Assert.InRange(State.Field.PeakInFlight, 2, 4);
        Assert.Equal(0, State.Field.InFlight);
        State.Reset();
        Assert.Equal(0, State.Field.PeakInFlight);
        Assert.Equal(TimeSpan.Zero, State.Field.Current.MinLatency); // a reset returns to the start-up settings
    }

    [Fact]
    public async Task Adobe_jobs_move_on_when_read_through_the_list_as_through_a_single_GET()
    {
        var token = await AdobeTokenAsync();
        await CreateJobAsync(token);

        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var list = JsonNode.Parse(await AdobeGetAsync(token, "jobs?regulation=gdpr"))!;
            seen.Add((string)list["jobDetails"]![0]!["status"]!);
        }

        Assert.Equal(new[] { "submitted", "processing", "complete" }, seen);
    }

    [Fact]
    public async Task With_a_step_time_Adobe_jobs_move_on_by_time_whichever_route_reads_them()
    {
        State.Adobe.StepSeconds = 0.01;
        var token = await AdobeTokenAsync();
        var jobId = await CreateJobAsync(token);
        Thread.Sleep(100); // at least two steps of 10 ms

        var single = JsonNode.Parse(await AdobeGetAsync(token, "jobs/" + jobId))!;
        var list = JsonNode.Parse(await AdobeGetAsync(token, "jobs?regulation=gdpr"))!;

        Assert.Equal("complete", (string?)single["status"]);
        Assert.Equal("complete", (string?)list["jobDetails"]![0]!["status"]);
    }

    private async Task<string> AdobeTokenAsync()
    {
        using var response = await _http.PostAsync(_emulator.Server.Url("/adobe/ims/token/v3"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestCredentials.AdobeClientId,
            ["client_secret"] = TestCredentials.AdobeClientSecret,
            ["scope"] = "openid,AdobeID",
        }));
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
    }

    private async Task<string> CreateJobAsync(string token)
    {
        var body = new JsonObject
        {
            ["companyContexts"] = new JsonArray(new JsonObject { ["namespace"] = "imsOrgID", ["value"] = TestCredentials.AdobeOrgId }),
            ["users"] = new JsonArray(new JsonObject
            {
                ["key"] = "u1",
                ["action"] = new JsonArray("access"),
                ["userIDs"] = new JsonArray(new JsonObject { ["namespace"] = "email", ["value"] = "u1@example.com", ["type"] = "standard" }),
            }),
            ["include"] = new JsonArray("Analytics"),
            ["regulation"] = "gdpr",
        };
        using var request = AdobeRequest(HttpMethod.Post, "jobs", token);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["jobs"]![0]!["jobId"]!;
    }

    private async Task<string> AdobeGetAsync(string token, string relative)
    {
        using var request = AdobeRequest(HttpMethod.Get, relative, token);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private HttpRequestMessage AdobeRequest(HttpMethod method, string relative, string token)
    {
        var request = new HttpRequestMessage(method, _emulator.Server.Url(Emulator.Endpoints.AdobeEndpoints.ApiBase + "/" + relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("x-api-key", TestCredentials.AdobeClientId);
        request.Headers.Add("x-gw-ims-org-id", TestCredentials.AdobeOrgId);
        return request;
    }
}
