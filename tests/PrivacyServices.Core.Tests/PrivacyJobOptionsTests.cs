using Xunit;
using PrivacyServices.Apis;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

public sealed class PrivacyJobOptionsTests
{
    [Fact]
    public void Actions_are_lower_cased_and_deduplicated_products_kept_as_given()
    {
        var options = new PrivacyJobOptions(" gdpr ", new[] { "Access", "access", "DELETE" }, new[] { "Analytics", "analytics", "AudienceManager" });
        options.Validate();
        Assert.Equal("gdpr", options.Regulation);
        Assert.Equal(new[] { "access", "delete" }, options.Actions);
        Assert.Equal(new[] { "Analytics", "AudienceManager" }, options.Products);
    }

    [Theory]
    [InlineData("", "access", "Analytics", null, "-Regulation")]
    [InlineData("gdpr", "opt-out-of-sale", "Analytics", null, "-Action")]
    [InlineData("gdpr", "access", "", null, "-Product")]
    [InlineData("gdpr", "access", "Analytics", "urgent", "-Priority")]
    public void Invalid_settings_name_the_parameter(string regulation, string action, string product, string? priority, string parameter)
    {
        var options = new PrivacyJobOptions(regulation, new[] { action }, new[] { product }) { Priority = priority };
        var error = Assert.Throws<PrivacyServiceException>(options.Validate);
        Assert.Equal(PrivacyErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(parameter.TrimStart('-'), error.Parameter);
        Assert.StartsWith(parameter.TrimStart('-'), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(parameter, error.Message, StringComparison.Ordinal); // Core names the option; the cmdlet layer adds the dash
    }

    [Theory]
    [InlineData(null, null, "submitted", false)]
    [InlineData("2025-01-01", null, null, true)]
    [InlineData(null, "2025-01-01", null, true)]
    [InlineData("2025-01-05", "2025-01-01", null, true)]
    [InlineData("2025-01-01", "2025-01-05", "finished", true)]
    [InlineData("2025-01-01", "2025-01-05", "complete", false)]
    public void List_queries_need_both_dates_or_neither(string? from, string? to, string? status, bool invalid)
    {
        var query = new PrivacyJobQuery("gdpr")
        {
            FromDate = from is null ? null : DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            ToDate = to is null ? null : DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
            Status = status,
        };
        if (invalid)
        {
            Assert.Equal(PrivacyErrorKind.InvalidArgument, Assert.Throws<PrivacyServiceException>(query.Validate).Kind);
        }
        else
        {
            query.Validate();
        }
    }

    [Fact]
    public void The_query_string_is_0_based_and_dates_are_GMT_days()
    {
        var query = new PrivacyJobQuery("cpra_ca_usa") { Status = "complete", FromDate = new DateTime(2025, 1, 1), ToDate = new DateTime(2025, 1, 30), PageSize = 250 };
        Assert.Equal("regulation=cpra_ca_usa&page=0&size=250&status=complete&fromDate=2025-01-01&toDate=2025-01-30", query.ToQueryString(0));
    }
}
