using System.Net.Http;
using PrivacyServices.Apis;
using PrivacyServices.Authentication;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;
using PrivacyServices.Sessions;

namespace PrivacyServices.Core.Tests;

/// <summary>The authenticated pipeline against the emulator's fault switches: what is recovered, what is retried, what is never resent.</summary>
public sealed class PipelineFaultTests : IAsyncLifetime
{
    private EmulatorServer _emulator = null!;
    private PrivacyServiceSession _session = null!;
    private GenericApiClient _client = null!;

    private EmulatorCounters Counters => _emulator.State.Counters;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync();
        _session = CreateSession(TimeSpan.FromSeconds(30));
        _client = new GenericApiClient(_session.Http);
        await _session.GetTokenAsync(false, default);
    }

    /// <summary>A Generic session at the emulator; the timeout is generous except where a test is about the timeout.</summary>
    private PrivacyServiceSession CreateSession(TimeSpan requestTimeout) =>
        SessionFactory.Create(new ConnectOptions
        {
            Provider = PrivacyProvider.Generic,
            TokenUri = _emulator.Url("generic/token"),
            ApiBaseUri = _emulator.Url("generic/api"),
            ClientId = TestCredentials.GenericClientId,
            ClientSecret = SecretText.ToSecureString(TestCredentials.GenericClientSecret),
            MaxRetry = 3,
            RequestTimeout = requestTimeout,
        });

    public async Task DisposeAsync()
    {
        _session.Dispose();
        await _emulator.DisposeAsync();
    }

    private Task<ApiResponse> Get() => _client.SendAsync("GET", _client.Resolve("echo"), null, null, null, default);

    private Task<ApiResponse> Post() => _client.SendAsync("POST", _client.Resolve("items"), new Dictionary<string, object?> { ["name"] = "x" }, null, null, default);

    private void Fault(string path, FaultKind kind, int count = 1, int status = 503, double? retryAfter = null, string? method = null) =>
        _emulator.State.Faults.Add(new FaultRule(path, kind, count, status, method, retryAfter is { } r ? TimeSpan.FromSeconds(r) : null, TimeSpan.FromSeconds(3)));

    [Fact]
    public async Task A_401_gets_a_new_token_and_retries_the_call_once()
    {
        Fault("/generic/api", FaultKind.Status, status: 401);

        var response = await Get();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, Counters["generic.token"]);
        Assert.Equal(1, Counters["faults.injected"]);
        Assert.Equal(1, Counters["generic.api"]); // the retry reached the endpoint
    }

    [Fact]
    public async Task A_second_401_is_reported_as_an_authentication_error_without_looping()
    {
        Fault("/generic/api", FaultKind.Status, count: 5, status: 401);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(Get);

        Assert.Equal(PrivacyErrorKind.Authentication, error.Kind);
        Assert.Equal(2, Counters["faults.injected"]);
        Assert.Equal(2, Counters["generic.token"]);
    }

    [Fact]
    public async Task A_401_on_a_POST_is_retried_once_because_the_server_refused_it()
    {
        Fault("/generic/api/items", FaultKind.Status, status: 401);

        var response = await Post();

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(1, Counters["generic.api.post"]);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttling_is_waited_out_even_for_a_POST(int status)
    {
        Fault("/generic/api/items", FaultKind.Status, count: 2, status: status, retryAfter: 0);

        var response = await Post();

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(2, Counters["faults.injected"]);
        Assert.Equal(1, Counters["generic.api.post"]);
    }

    [Fact]
    public async Task Throttling_beyond_MaxRetry_is_a_limits_exceeded_error()
    {
        Fault("/generic/api", FaultKind.Status, count: 10, status: 429, retryAfter: 0);
        var trace = new RecordedTrace();

        PrivacyServiceException error;
        using (PrivacyTrace.Use(trace))
        {
            error = await Assert.ThrowsAsync<PrivacyServiceException>(Get);
        }

        Assert.Equal(PrivacyErrorKind.LimitsExceeded, error.Kind);
        Assert.Equal(4, Counters["faults.injected"]); // the call and 3 retries
        Assert.Contains("after 3 retries", error.Message);
        // -Verbose counts the same retries the error names: 1, 2 and 3 of 3, none beyond.
        var retries = trace.Lines.Where(l => l.Contains(": retry ")).ToList();
        Assert.Equal(3, retries.Count);
        Assert.Contains(": retry 1 of 3 ", retries[0]);
        Assert.Contains(": retry 3 of 3 ", retries[2]);
        Assert.Contains("temporarily_unavailable", error.Message); // the generic server's own (OAuth) error format
    }

    [Fact]
    public async Task A_500_on_a_GET_is_retried_but_on_a_POST_is_not_resent()
    {
        Fault("/generic/api/echo", FaultKind.Status, status: 500);
        Fault("/generic/api/items", FaultKind.Status, status: 500);

        var get = await Get();
        var error = await Assert.ThrowsAsync<PrivacyServiceException>(Post);

        Assert.Equal(200, get.StatusCode);
        Assert.Equal(PrivacyErrorKind.Connection, error.Kind);
        // One reading: what failed, the vendor's words and status, then what was (not) done about it.
        Assert.Matches(@"^POST \S+/generic/api/items failed: server_error: [^()]+ \(HTTP 500, request id [^)]+\)\. It was not resent: the server may have acted on it, so check before submitting it again\.$", error.Message);
        Assert.Equal(0, Counters["generic.api.post"]);
        Assert.Equal(2, Counters["faults.injected"]);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_for_a_GET_and_reported_for_a_POST()
    {
        Fault("/generic/api/echo", FaultKind.Drop);
        Fault("/generic/api/items", FaultKind.Drop);

        var get = await Get();
        var error = await Assert.ThrowsAsync<PrivacyServiceException>(Post);

        Assert.Equal(200, get.StatusCode);
        Assert.Equal(PrivacyErrorKind.Connection, error.Kind);
        Assert.Contains("not resent", error.Message);
        Assert.Equal(0, Counters["generic.api.post"]);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_a_timeout_for_a_POST()
    {
        using var impatient = CreateSession(TimeSpan.FromSeconds(1));
        var client = new GenericApiClient(impatient.Http);
        Fault("/generic/api/items", FaultKind.Slow);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(
            () => client.SendAsync("POST", client.Resolve("items"), "{}", null, null, default));

        Assert.Equal(PrivacyErrorKind.Timeout, error.Kind);
        Assert.Contains("1 s", error.Message);
    }

    [Fact]
    public async Task Disconnecting_while_a_call_runs_ends_it_with_a_disconnected_error_not_ObjectDisposed()
    {
        var session = CreateSession(TimeSpan.FromSeconds(30));
        var client = new GenericApiClient(session.Http);
        await session.GetTokenAsync(false, default);
        Fault("/generic/api/echo", FaultKind.Slow); // the answer waits 5 s
        var running = client.SendAsync("GET", client.Resolve("echo"), null, null, null, default);
        while (Counters["faults.slow"] == 0)
        {
            await Task.Delay(20); // until the request is at the server
        }

        session.Dispose();
        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => running);
        var later = await Assert.ThrowsAsync<PrivacyServiceException>(() => client.SendAsync("GET", client.Resolve("echo"), null, null, null, default));
        var token = await Assert.ThrowsAsync<PrivacyServiceException>(() => session.GetTokenAsync(false, default));

        Assert.Equal("PrivacyServices.Session.Disconnected", error.ErrorId);
        Assert.Equal("PrivacyServices.Session.Disconnected", later.ErrorId);
        Assert.Equal("PrivacyServices.Session.Disconnected", token.ErrorId);
    }

    [Fact]
    public async Task Cancellation_stops_a_waiting_call_at_once()
    {
        Fault("/generic/api", FaultKind.Status, count: 10, status: 429, retryAfter: 30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SendAsync("GET", _client.Resolve("echo"), null, null, null, cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "cancellation must not wait for Retry-After");
    }

    [Fact]
    public async Task Malformed_json_is_an_invalid_response_error()
    {
        Fault("/generic/api/echo", FaultKind.MalformedJson);

        var error = await Assert.ThrowsAsync<PrivacyServiceException>(Get);

        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task A_token_endpoint_that_stays_down_is_a_connection_error_naming_the_endpoint_after_its_retries()
    {
        Fault("/generic/token", FaultKind.Status, count: 100, status: 503, retryAfter: 0);
        var error = await Assert.ThrowsAsync<PrivacyServiceException>(() => _session.GetTokenAsync(true, default));

        Assert.Equal(PrivacyErrorKind.Connection, error.Kind);
        Assert.Contains("/generic/token", error.Message);
        Assert.Contains("after 3 retries", error.Message);
        Assert.Equal(4, Counters["faults.status.503"]);
    }

    [Fact]
    public async Task A_token_request_answered_429_is_waited_out_and_the_next_answer_used()
    {
        Fault("/generic/token", FaultKind.Status, count: 1, status: 429, retryAfter: 0);
        var before = Counters["generic.token"];

        var token = await _session.GetTokenAsync(true, default);

        Assert.NotNull(token);
        Assert.Equal(1, Counters["faults.status.429"]);
        Assert.Equal(1, Counters["generic.token"] - before);
    }
}

internal sealed class RecordedTrace : ITraceSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public void Verbose(string message) => _lines.Enqueue(message);

    public void Debug(string message) => _lines.Enqueue(message);
}
