using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_After_in_seconds_is_honoured()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), new RetryPolicy().DelayFor(0, response, Now));
    }

    [Fact]
    public void Retry_After_as_an_http_date_is_honoured()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(12), new RetryPolicy().DelayFor(0, response, Now));
    }

    [Fact]
    public void Retry_After_is_capped_at_the_maximum_delay()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2));
        Assert.Equal(TimeSpan.FromSeconds(30), new RetryPolicy().DelayFor(0, response, Now));
    }

    [Theory]
    [InlineData(0, 500, 1000)]
    [InlineData(1, 1000, 2000)]
    [InlineData(3, 4000, 8000)]
    [InlineData(10, 15000, 30000)]
    public void Without_Retry_After_the_backoff_is_exponential_with_jitter_and_bounded(int attempt, int minMs, int maxMs)
    {
        var policy = new RetryPolicy();
        for (var i = 0; i < 50; i++)
        {
            var delay = policy.DelayFor(attempt, null, Now).TotalMilliseconds;
            Assert.InRange(delay, minMs, maxMs);
        }
    }

    [Fact]
    public void Only_idempotent_methods_are_retried_after_transport_failures()
    {
        Assert.True(RetryPolicy.IsIdempotent(HttpMethod.Get));
        Assert.True(RetryPolicy.IsIdempotent(HttpMethod.Put));
        Assert.True(RetryPolicy.IsIdempotent(HttpMethod.Delete));
        Assert.False(RetryPolicy.IsIdempotent(HttpMethod.Post));
        Assert.False(RetryPolicy.IsIdempotent(new HttpMethod("PATCH")));
    }
}
