using Xunit;
using PrivacyServices.Authentication.EntraId;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests.EntraId;

public sealed class EntraIdAuthorityTests
{
    [Fact]
    public void Users_get_the_public_cloud_HTTPS_authority_and_no_emulator_route()
    {
        var authority = EntraIdAuthority.Resolve(null, "contoso.onmicrosoft.com");

        Assert.Equal(new Uri("https://login.microsoftonline.com/contoso.onmicrosoft.com"), authority.AuthorityUri);
        Assert.Equal(new Uri("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"), authority.TokenUri);
        Assert.Null(authority.EmulatorBaseUri);
    }

    [Fact]
    public void A_national_cloud_token_endpoint_names_host_and_tenant()
    {
        var authority = EntraIdAuthority.Resolve(new Uri("https://login.microsoftonline.us/contoso/oauth2/v2.0/token"), null);

        Assert.Equal("contoso", authority.TenantId);
        Assert.Equal(new Uri("https://login.microsoftonline.us/contoso"), authority.AuthorityUri);
        Assert.Null(authority.EmulatorBaseUri);
    }

    [Fact]
    public void A_loopback_HTTP_endpoint_keeps_the_real_authority_for_MSAL_and_routes_to_the_emulator()
    {
        var authority = EntraIdAuthority.Resolve(new Uri("http://127.0.0.1:5080/entra/contoso/oauth2/v2.0/token"), "CONTOSO");

        Assert.Equal(new Uri("https://login.microsoftonline.com/contoso"), authority.AuthorityUri);
        Assert.Equal(new Uri("http://127.0.0.1:5080/entra/"), authority.EmulatorBaseUri);
    }

    [Theory]
    [InlineData("http://login.example.com/contoso/oauth2/v2.0/token", null, "PrivacyServices.Transport.InsecureUri")]
    [InlineData("https://login.example.com/contoso/oauth2/token", null, "PrivacyServices.Connect.TokenUriInvalid")]
    [InlineData("https://login.example.com/a/contoso/oauth2/v2.0/token", null, "PrivacyServices.Connect.TokenUriInvalid")]
    [InlineData("https://login.example.com/contoso/oauth2/v2.0/token", "fabrikam", "PrivacyServices.Connect.TenantIdInvalid")]
    [InlineData(null, null, "PrivacyServices.Connect.TenantIdMissing")]
    public void Refuses_what_MSAL_could_not_use_or_would_send_in_clear(string? tokenUri, string? tenant, string errorId)
    {
        var error = Assert.Throws<PrivacyServiceException>(() => EntraIdAuthority.Resolve(tokenUri is null ? null : new Uri(tokenUri), tenant));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(PrivacyErrorKind.InvalidArgument, error.Kind);
    }
}
