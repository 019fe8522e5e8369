using Newtonsoft.Json.Linq;
using PrivacyServices.Apis;
using PrivacyServices.Http;
using Xunit;

namespace PrivacyServices.Core.Tests.LiveRamp;

public sealed class ConsentFileReaderTests
{
    private const string Muid = """
        {"id":"0b8f5c3e-2a9d-4c1e-9f3b-7d6a5e4c3b2a","identifierType":"MUID","muidDeviceType":"IDFA","muidFormat":"HASHED",
         "requestType":"DELETE","dataController":{"controllerSpecifier":"SEAT_ID","controllerID":"seat-42","liverampControlled":false},
         "fileURL":"https://storage.googleapis.com/lr-consent/0b8f.csv?X-Goog-Signature=abc","createdAt":"2025-03-04T05:06:07+02:00","region":"EU"}
        """;

    [Fact]
    public void Reads_every_field_with_types_and_utc_dates()
    {
        var file = Assert.Single(ConsentFileReader.ReadPage("[" + Muid + "]"));

        Assert.Equal(Guid.Parse("0b8f5c3e-2a9d-4c1e-9f3b-7d6a5e4c3b2a"), file.Id);
        Assert.Equal("MUID", file.IdentifierType);
        Assert.Equal("IDFA", file.MuidDeviceType);
        Assert.Equal("HASHED", file.MuidFormat);
        Assert.Equal("DELETE", file.RequestType);
        Assert.Equal("SEAT_ID", file.DataController.ControllerSpecifier);
        Assert.Equal("seat-42", file.DataController.ControllerId);
        Assert.False(file.DataController.LiveRampControlled);
        Assert.Equal("storage.googleapis.com", file.FileUrl.Host);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 3, 6, 7, TimeSpan.Zero), file.CreatedAt);
        Assert.Equal(TimeSpan.Zero, file.CreatedAt.Offset);
        Assert.Equal("EU", file.AdditionalProperties["region"]);
        Assert.DoesNotContain("Signature", file.ToString());
    }

    [Fact]
    public void Non_MUID_files_have_no_device_type_and_unknown_values_pass_through()
    {
        var json = JObject.Parse(Muid);
        json.Remove("muidDeviceType");
        json.Remove("muidFormat");
        json["identifierType"] = "EMAIL_HASH";
        var file = ConsentFileReader.Read(json);

        Assert.Equal("EMAIL_HASH", file.IdentifierType);
        Assert.Null(file.MuidDeviceType);
        Assert.Null(file.MuidFormat);
    }

    [Fact]
    public void Accepts_a_wrapped_array_and_an_empty_page()
    {
        Assert.Single(ConsentFileReader.ReadPage("{\"consentFiles\":[" + Muid + "]}"));
        Assert.Empty(ConsentFileReader.ReadPage("[]"));
    }

    [Theory]
    [InlineData("id", "\"id\" is missing")]
    [InlineData("identifierType", "\"identifierType\" is missing")]
    [InlineData("requestType", "\"requestType\" is missing")]
    [InlineData("dataController", "\"dataController\" is missing")]
    [InlineData("fileURL", "\"fileURL\" is missing")]
    [InlineData("createdAt", "\"createdAt\" is missing")]
    public void A_missing_required_field_is_an_InvalidResponse_naming_it(string field, string expected)
    {
        var json = JObject.Parse(Muid);
        json.Remove(field);

        var error = Assert.Throws<PrivacyServiceException>(() => ConsentFileReader.ReadPage(new JArray(json).ToString()));

        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("PrivacyServices.LiveRamp.InvalidConsentFile", error.ErrorId);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("id", "\"not-a-uuid\"", "\"id\" is not a UUID")]
    [InlineData("fileURL", "\"/relative/path.csv\"", "\"fileURL\" is not an absolute http(s) URL")]
    [InlineData("createdAt", "\"yesterday\"", "\"createdAt\" is not an ISO 8601 date")]
    [InlineData("requestType", "42", "\"requestType\" is empty or not text")]
    [InlineData("dataController", "{\"controllerSpecifier\":\"SEAT_ID\"}", "\"dataController.liverampControlled\" is missing")]
    [InlineData("dataController", "{\"liverampControlled\":\"maybe\"}", "\"dataController.liverampControlled\" is not true or false")]
    public void A_malformed_field_is_an_InvalidResponse_naming_it(string field, string value, string expected)
    {
        var json = JObject.Parse(Muid);
        json[field] = JToken.Parse(value);

        var error = Assert.Throws<PrivacyServiceException>(() => ConsentFileReader.Read(json, 7));

        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(expected, error.Message);
        Assert.Contains("item 7", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"error\":\"nope\"}")]
    [InlineData("\"text\"")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void A_body_that_is_not_a_list_of_objects_is_an_InvalidResponse(string body)
    {
        Assert.Equal(PrivacyErrorKind.InvalidResponse, Assert.Throws<PrivacyServiceException>(() => ConsentFileReader.ReadPage(body)).Kind);
    }
}
