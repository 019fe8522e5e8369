using PrivacyServices.Apis;
using PrivacyServices.Models;
using Xunit;

namespace PrivacyServices.Core.Tests.LiveRamp;

public sealed class ConsentFileFilterTests
{
    private static readonly DateTimeOffset Noon = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static ConsentFile File(Guid id, string identifierType = "COOKIE", string requestType = "OPT_OUT", DateTimeOffset? createdAt = null) =>
        new(id, identifierType, null, null, requestType, new DataController(null, null, true), new Uri("https://files.example/x.csv"), createdAt ?? Noon);

    [Fact]
    public void No_filter_matches_everything()
    {
        Assert.True(new ConsentFileFilter().Matches(File(Guid.NewGuid())));
    }

    [Fact]
    public void Text_filters_ignore_case_and_dates_are_exclusive_bounds()
    {
        var filter = new ConsentFileFilter(identifierTypes: new[] { "cookie", "RAMPID" }, requestTypes: new[] { "opt_out" }, createdAfter: Noon.AddHours(-1), createdBefore: Noon.AddHours(1));

        Assert.True(filter.Matches(File(Guid.NewGuid())));
        Assert.False(filter.Matches(File(Guid.NewGuid(), identifierType: "MUID")));
        Assert.False(filter.Matches(File(Guid.NewGuid(), requestType: "DELETE")));
        Assert.False(filter.Matches(File(Guid.NewGuid(), createdAt: Noon.AddHours(-1))));
        Assert.False(filter.Matches(File(Guid.NewGuid(), createdAt: Noon.AddHours(1))));
        Assert.True(filter.Matches(File(Guid.NewGuid(), createdAt: Noon.AddHours(1).AddTicks(-1))));
    }

    [Fact]
    public void Ids_are_seen_when_listed_and_matched_only_when_every_filter_agrees()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var filter = new ConsentFileFilter(ids: new[] { a, b }, requestTypes: new[] { "DELETE" });

        Assert.False(filter.Matches(File(Guid.NewGuid(), requestType: "DELETE")));
        Assert.True(filter.Matches(File(a, requestType: "DELETE")));
        Assert.False(filter.AllIdsSeen);
        Assert.False(filter.Matches(File(b, requestType: "OPT_OUT")));
        Assert.True(filter.AllIdsSeen);
        Assert.Equal(new[] { b }, filter.UnmatchedIds);
    }
}
