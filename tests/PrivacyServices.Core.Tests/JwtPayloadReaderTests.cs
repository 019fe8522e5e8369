using System.Text;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests;

public sealed class JwtPayloadReaderTests
{
    internal static string Jwt(string payloadJson) =>
        Segment("{\"alg\":\"none\"}") + "." + Segment(payloadJson) + ".sig";

    private static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Reads_exp_and_iat_as_times()
    {
        var token = Jwt("{\"exp\":1795410000,\"iat\":1795409700,\"sub\":\"client\"}");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795410000), JwtPayloadReader.ReadExpiry(token));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795409700), JwtPayloadReader.ReadIssuedAt(token));
    }

    [Fact]
    public void Claims_are_decoded_including_nested_values_and_base64url_characters()
    {
        // "?>" encodes to base64 with '/' and '+' characters, which base64url replaces with '_' and '-'.
        var token = Jwt("{\"sub\":\"a?>b\",\"roles\":[\"r1\",\"r2\"],\"ctx\":{\"tenant\":\"t1\"}}");

        var claims = JwtPayloadReader.ReadClaims(token);

        Assert.Equal("a?>b", claims["sub"]);
        Assert.Equal(new object[] { "r1", "r2" }, (object?[])claims["roles"]!);
        Assert.Equal("t1", ((IReadOnlyDictionary<string, object?>)claims["ctx"]!)["tenant"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("opaque-token-value")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bm90IGpzb24.c")]
    public void Opaque_or_malformed_tokens_give_no_claims_and_no_expiry(string? token)
    {
        Assert.Empty(JwtPayloadReader.ReadClaims(token));
        Assert.Null(JwtPayloadReader.ReadExpiry(token));
    }

    [Fact]
    public void A_claims_dictionary_cannot_be_modified()
    {
        var claims = JwtPayloadReader.ReadClaims(Jwt("{\"sub\":\"x\"}"));
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, object?>)claims)["sub"] = "y");
    }
}
