using Xunit;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

/// <summary>The error bodies Adobe sends, as the shared error reader understands them.</summary>
public sealed class AdobeErrorBodyTests
{
    [Theory]
    [InlineData(@"{""error_code"":""401013"",""message"":""Oauth token is not valid""}", "401013", "Oauth token is not valid")]
    [InlineData(@"{""error_code"":""403000"",""message"":""Api Key is required""}", "403000", "Api Key is required")]
    [InlineData(@"{""type"":""http://ns.adobe.com/aep/errors/PRVCY-1000-400"",""title"":""Bad Request - 'include' is empty"",""status"":400}", "PRVCY-1000-400", "Bad Request - 'include' is empty")]
    [InlineData(@"{""error"":""invalid_client"",""error_description"":""invalid client_secret parameter""}", "invalid_client", "invalid client_secret parameter")]
    [InlineData(@"{""type"":""about:blank"",""title"":""Oops""}", null, "Oops")]
    public void Gateway_platform_and_IMS_bodies_yield_code_and_message(string body, string? code, string message)
    {
        var error = VendorError.Parse(body);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_providers_error_format_adds_its_own_fields_and_request_id_header()
    {
        const string productFailure = @"{""responseMsgCode"":""PRVCY-6009-400"",""responseMsgDetail"":""The user ID is not valid""}";
        var adobe = new PrivacyServices.Providers.Adobe.AdobeProvider().ErrorFormat;

        var common = VendorError.Parse(productFailure);
        var withAdobe = VendorError.Parse(productFailure, adobe);

        Assert.Null(common.Code);
        Assert.Equal("PRVCY-6009-400", withAdobe.Code);
        Assert.Equal("The user ID is not valid", withAdobe.Message);
        using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.BadRequest);
        response.Headers.Add("x-adobe-request-id", "req-42");
        Assert.Null(VendorError.ReadRequestId(response));
        Assert.Equal("req-42", VendorError.ReadRequestId(response, adobe));
    }

    [Theory]
    [InlineData(400, "invalid_client", PrivacyErrorKind.Authentication)]
    [InlineData(400, "invalid_grant", PrivacyErrorKind.Authentication)]
    [InlineData(400, "invalid_scope", PrivacyErrorKind.InvalidArgument)]
    [InlineData(400, "400003", PrivacyErrorKind.InvalidArgument)]
    [InlineData(401, "401013", PrivacyErrorKind.Authentication)]
    [InlineData(403, "403003", PrivacyErrorKind.PermissionDenied)]
    public void OAuth_credential_errors_are_authentication_failures_even_with_status_400(int status, string code, PrivacyErrorKind kind)
    {
        Assert.Equal(kind, HttpErrors.KindFor(status, code));
    }
}
