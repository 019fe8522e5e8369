using CsCheck;
using PrivacyServices.Authentication;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests;

/// <summary>Parsers of vendor input, fed arbitrary text: they return a value or throw the module's own typed exception, nothing else.</summary>
public sealed class ParserPropertyTests
{
    private static readonly Gen<string> FieldName = Gen.OneOf<string>(
        "error", "error_description", "error_code", "errorCode", "message", "access_token", "expires_in", "refresh_expires_in",
        "type", "secret_key", "account_id", "token_uri", "errors", "scope", "expires_on");

    private static readonly Gen<string> FieldValue = Gen.OneOf(
        Gen.String.Select(v => System.Text.Json.JsonSerializer.Serialize(v)),
        Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf<string>("null", "[]", "{}", "{\"code\":1,\"message\":\"m\"}", "true", "\"serviceAccount/v2\"", "\"https://x.test/t\"", "1e400", "-0"));

    private static readonly Gen<string> Field = Gen.Select(FieldName, FieldValue, (name, value) => $"\"{name}\":{value}");

    /// <summary>Arbitrary text, and text shaped like the JSON vendors send (known fields with odd values, truncated, deeply nested).</summary>
    private static readonly Gen<string> VendorText = Gen.OneOf(
        Gen.String,
        Field.Array[0, 6].Select(fields => "{" + string.Join(",", fields) + "}"),
        Field.Array[1, 4].Select(fields => "{" + string.Join(",", fields)),
        Gen.String.Select(s => "{\"error\":" + s),
        Gen.Int[0, 200].Select(n => new string('[', n) + new string(']', n)));

    [Fact]
    public void VendorError_Parse_never_throws() =>
        VendorText.Sample(text =>
        {
            var error = VendorError.Parse(text);
            Assert.True(error.Describe() is null || error.Describe()!.Length <= 700);
        }, iter: 3000);

    [Fact]
    public void TokenResponseReader_returns_a_token_or_a_PrivacyServiceException() =>
        VendorText.Sample(text =>
        {
            try
            {
                var token = TokenResponseReader.Read(text, DateTimeOffset.UtcNow, Array.Empty<string>(), " ");
                Assert.False(string.IsNullOrEmpty(token.Value));
            }
            catch (PrivacyServiceException)
            {
            }
        }, iter: 3000);

    [Fact]
    public void LiveRampServiceAccount_Parse_returns_an_account_or_a_PrivacyServiceException_without_the_secret() =>
        VendorText.Sample(text =>
        {
            try
            {
                LiveRampServiceAccount.Parse(text, "creds.json");
            }
            catch (PrivacyServiceException ex)
            {
                Assert.Equal(PrivacyErrorKind.InvalidConfiguration, ex.Kind);
            }
        }, iter: 3000);

    [Fact]
    public void Jwt_reader_never_throws_on_any_three_part_text() =>
        Gen.Select(Gen.String, Gen.String, Gen.String).Sample((a, b, c) =>
        {
            var token = a + "." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(b)).TrimEnd('=') + "." + c;
            JwtPayloadReader.ReadClaims(token);
            JwtPayloadReader.ReadExpiry(token);
            JwtPayloadReader.ReadIssuedAt(token);
        }, iter: 3000);

    [Fact]
    public void Redactor_masks_any_bearer_token_and_jwt_it_is_given() =>
        Gen.String[Gen.Char["A-Za-z0-9-._~+/"], 8, 80].Sample(secret =>
        {
            var text = $"Authorization: Bearer {secret} failed";
            Assert.DoesNotContain(secret, Redactor.RedactText(text));
        }, iter: 2000);
}
