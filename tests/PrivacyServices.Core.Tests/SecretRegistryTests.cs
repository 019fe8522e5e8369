using System.Net;
using System.Text;
using Xunit;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

public sealed class SecretRegistryTests
{
    [Fact]
    public void A_registered_secret_is_masked_in_every_form_until_its_scope_ends()
    {
        const string secret = "reg-CANARY s&cr+t é";
        var forms = new[]
        {
            secret, Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret), WebUtility.HtmlEncode(secret),
            Newtonsoft.Json.JsonConvert.ToString(secret).Trim('"'), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
            System.Text.Json.JsonSerializer.Serialize(secret).Trim('"'), // \u0026, \u002B, \u00E9
        };

        using (var scope = SecretRegistry.NewScope())
        {
            scope.Add(secret);
            foreach (var form in forms)
            {
                var text = Redactor.RedactText($"the server said: {form} is wrong");
                Assert.Equal("the server said: *** is wrong", text);
            }
        }

        Assert.Contains(secret, Redactor.RedactText("after disconnect: " + secret), StringComparison.Ordinal);
    }

    [Fact]
    public void A_renewed_token_replaces_the_one_before_the_last()
    {
        using var scope = SecretRegistry.NewScope();
        scope.Remember("access", "token-one-CANARY");
        scope.Remember("access", "token-two-CANARY");
        scope.Remember("access", "token-three-CANARY");

        Assert.Equal("token-one-CANARY ***", Redactor.RedactText("token-one-CANARY token-three-CANARY"));
        Assert.Equal("***", Redactor.RedactText("token-two-CANARY"));
    }

    [Fact]
    public void Vendor_text_around_a_secret_named_field_stays_readable()
    {
        Assert.Equal("invalid_token: Invalid Token: token not found", Redactor.RedactText("invalid_token: Invalid Token: token not found"));
        Assert.Equal("clientSecret=*** rejected", Redactor.RedactText("clientSecret=abc123 rejected"));
        Assert.Equal("https://***@host.example/token", Redactor.RedactUri(new Uri("https://user:pw@host.example/token")));
    }
}
