using System.Text;
using Xunit;
using PrivacyServices.Authentication;

namespace PrivacyServices.Core.Tests;

public sealed class CredentialFileTextTests
{
    private const string Json = "{\"secret_key\":\"clé-ü\"}";

    [Fact]
    public void UTF8_and_UTF16_decode_to_the_same_text()
    {
        Assert.Equal(Json, CredentialFileText.Decode(Encoding.UTF8.GetBytes(Json)));
        Assert.Equal(Json, CredentialFileText.Decode(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Json)).ToArray()));
        Assert.Equal(Json, CredentialFileText.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Json)).ToArray()));
        Assert.Equal(Json, CredentialFileText.Decode(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Json)).ToArray()));
        Assert.Equal(Json, CredentialFileText.Decode(Encoding.Unicode.GetBytes(Json)));
    }

    [Fact]
    public void Latin1_is_refused()
    {
        Assert.Null(CredentialFileText.Decode(Encoding.Latin1.GetBytes(Json)));
    }
}
