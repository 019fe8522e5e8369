using Xunit;
using System.Globalization;
using CsCheck;
using PrivacyServices.Apis;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

public sealed class AdobeDateTests
{
    [Theory]
    [InlineData("10/02/2019 08:25 PM GMT", "2019-10-02T20:25:00Z")]
    [InlineData("01/01/2020 12:05 AM GMT", "2020-01-01T00:05:00Z")]
    [InlineData("12/31/2021 12:00 PM GMT", "2021-12-31T12:00:00Z")]
    [InlineData("04/29/2021 09:53 PM", "2021-04-29T21:53:00Z")]
    [InlineData("4/9/2021 9:53:10 pm UTC", "2021-04-09T21:53:10Z")]
    [InlineData("  04/21/2021 12:22 AM GMT ", "2021-04-21T00:22:00Z")]
    [InlineData("2019-10-02T20:25:00Z", "2019-10-02T20:25:00Z")]
    [InlineData("2019-10-02T22:25:00+02:00", "2019-10-02T20:25:00Z")]
    [InlineData("2019-10-02T20:25:00.123", "2019-10-02T20:25:00.123Z")]
    public void Reads_Adobe_dates_and_ISO_8601_as_UTC(string text, string expected)
    {
        var parsed = AdobeDate.Parse(text, "createdDate");
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ja-JP")]
    [InlineData("ar-SA")]
    public void Does_not_depend_on_the_current_culture(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.Equal(new DateTimeOffset(2019, 10, 2, 20, 25, 0, TimeSpan.Zero), AdobeDate.Parse("10/02/2019 08:25 PM GMT", "createdDate"));
            Assert.Equal("10/02/2019 08:25 PM GMT", AdobeDate.Format(new DateTimeOffset(2019, 10, 2, 20, 25, 0, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("13/45/2019 08:25 PM GMT")]
    [InlineData("yesterday")]
    [InlineData("10/02/2019 25:99 XM GMT")]
    [InlineData("2019-99-99")]
    public void Unreadable_text_is_a_PrivacyServiceException_naming_the_field(string text)
    {
        Assert.False(AdobeDate.TryParse(text, out _));
        var error = Assert.Throws<PrivacyServiceException>(() => AdobeDate.Parse(text, "lastModifiedDate"));
        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("lastModifiedDate", error.Message, StringComparison.Ordinal);
        Assert.Null(AdobeDate.Read(Newtonsoft.Json.Linq.JToken.FromObject(text)));
    }

    [Fact]
    public void Blank_and_missing_dates_are_null()
    {
        Assert.Null(AdobeDate.Parse(null, "createdDate"));
        Assert.Null(AdobeDate.Parse("   ", "createdDate"));
        Assert.Null(AdobeDate.Read(null));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1570047900), AdobeDate.Read(new Newtonsoft.Json.Linq.JValue(1570047900L)));
    }

    [Fact]
    public void Every_minute_round_trips_through_Adobe_format()
    {
        var start = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Gen.Long[0, 200L * 366 * 24 * 60].Sample(minutes =>
        {
            var date = start.AddMinutes(minutes);
            Assert.Equal(date, AdobeDate.Parse(AdobeDate.Format(date), "createdDate"));
        });
    }

    [Fact]
    public void Any_text_either_parses_or_throws_a_PrivacyServiceException()
    {
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["0123456789/: APMGTUC-+Z"], 0, 30]).Sample(text =>
        {
            try
            {
                AdobeDate.Parse(text, "createdDate");
            }
            catch (PrivacyServiceException)
            {
            }
        });
    }
}
