using PrivacyServices.Authentication;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

public sealed class TokenResponseReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Expiry_comes_from_expires_in_first()
    {
        var jwt = JwtPayloadReaderTests.Jwt($"{{\"exp\":{Now.AddHours(5).ToUnixTimeSeconds()}}}");
        var token = TokenResponseReader.Read($"{{\"access_token\":\"{jwt}\",\"expires_in\":60}}", Now, Array.Empty<string>(), " ");
        Assert.Equal(Now.AddSeconds(60), token.ExpiresOn);
    }

    [Fact]
    public void Expiry_comes_from_the_jwt_exp_when_there_is_no_expires_in()
    {
        var exp = Now.AddSeconds(300).ToUnixTimeSeconds();
        var jwt = JwtPayloadReaderTests.Jwt($"{{\"exp\":{exp},\"iat\":{Now.ToUnixTimeSeconds()}}}");
        var token = TokenResponseReader.Read($"{{\"access_token\":\"{jwt}\"}}", Now, Array.Empty<string>(), " ");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), token.ExpiresOn);
    }

    [Theory]
    [InlineData(180, true)]   // this machine 3 minutes ahead, the server's Date header says so
    [InlineData(-240, true)]  // 4 minutes behind
    [InlineData(360, false)]  // 6 minutes ahead, only the token's iat says so: before, the token looked expired on arrival
    [InlineData(-90, false)]
    public void An_exp_only_token_lives_its_real_lifetime_in_this_machines_time_whatever_its_clock(int machineAheadSeconds, bool dateHeader)
    {
        var serverNow = Now;
        var machineNow = Now.AddSeconds(machineAheadSeconds);
        var jwt = JwtPayloadReaderTests.Jwt($"{{\"exp\":{serverNow.AddSeconds(300).ToUnixTimeSeconds()},\"iat\":{serverNow.ToUnixTimeSeconds()}}}");

        var token = TokenResponseReader.Read($"{{\"access_token\":\"{jwt}\"}}", machineNow, Array.Empty<string>(), " ", dateHeader ? serverNow : null);

        Assert.Equal(machineNow.AddSeconds(300), token.ExpiresOn);
        Assert.True(new PrivacyServices.Tokens.RefreshPolicy(TimeSpan.FromSeconds(60)).IsFresh(token, machineNow), "a new token must be usable at once");
    }

    [Fact]
    public void A_skew_of_a_second_is_the_clocks_resolution_not_a_wrong_clock()
    {
        Assert.Equal(TimeSpan.Zero, TokenResponseReader.ClockSkew(Now, Now.AddMilliseconds(900), string.Empty));
        Assert.Equal(TimeSpan.FromMinutes(-5), TokenResponseReader.ClockSkew(Now, Now.AddMinutes(-5), string.Empty));
    }

    [Fact]
    public void An_opaque_token_without_expires_in_gets_the_documented_default_lifetime()
    {
        var token = TokenResponseReader.Read("{\"access_token\":\"opaque\"}", Now, Array.Empty<string>(), " ");
        Assert.Equal(Now + TokenResponseReader.DefaultLifetime, token.ExpiresOn);
    }

    [Fact]
    public void Expires_in_as_a_string_and_the_refresh_token_lifetime_are_read()
    {
        var token = TokenResponseReader.Read("{\"access_token\":\"a\",\"expires_in\":\"3600\",\"refresh_token\":\"r\",\"refresh_expires_in\":1800,\"token_type\":\"bearer\",\"scope\":\"x y\"}", Now, Array.Empty<string>(), " ");
        Assert.Equal(Now.AddHours(1), token.ExpiresOn);
        Assert.Equal(Now.AddSeconds(1800), token.RefreshExpiresOn);
        Assert.Equal("r", token.RefreshToken);
        Assert.Equal(new[] { "x", "y" }, token.Scopes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"token_type\":\"bearer\"}")]
    public void Bad_responses_are_an_invalid_response_error_not_a_crash(string body)
    {
        var error = Assert.Throws<PrivacyServiceException>(() => TokenResponseReader.Read(body, Now, Array.Empty<string>(), " "));
        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
    }
}
