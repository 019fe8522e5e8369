using System.Management.Automation;
using System.Text;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>LiveRamp service-account files as admins really have them: other encodings, folders, stray text, wrong fields.</summary>
public sealed class CredentialFileTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Account = "encoding@serviceaccounts.liveramp.com";
    private const string Secret = "clé-secrète-CANARY-ü";
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Directory.CreateTempSubdirectory("privacyservices-credfiles-").FullName;

    public CredentialFileTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        emulator.Server.State.Clients.Register("liveramp", Account, Secret);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Json(string? type = null, string? tail = null) =>
        TestCredentials.LiveRampCredentialFile(_emulator.Server.Url(Emulator.Endpoints.LiveRampEndpoints.TokenPath), Account, Secret)
            .Replace(System.Text.Json.JsonSerializer.Serialize(Secret).Trim('"'), Secret) // the secret's é and ü as characters, not \u escapes
            .Replace("serviceAccount/v2", type ?? "serviceAccount/v2") + (tail ?? string.Empty);

    private ScriptResult Connect(string path)
    {
        using var module = new HostedModule();
        return module.Invoke("Connect-PrivacyService -Provider LiveRamp -CredentialFile $args[0] -ApiBaseUri ($args[1] + '/liveramp/privacy/v2') -PassThru", path, _emulator.Root);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf8-bom")]
    [InlineData("utf16le-bom")]
    [InlineData("utf16be-bom")]
    [InlineData("utf16le")]
    public void UTF8_and_UTF16_files_give_the_secret_exactly(string encoding)
    {
        var json = Json();
        var bytes = encoding switch
        {
            "utf8" => new UTF8Encoding(false).GetBytes(json),
            "utf8-bom" => new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray(),
            "utf16le-bom" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray(),
            "utf16be-bom" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(json)).ToArray(),
            _ => Encoding.Unicode.GetBytes(json),
        };
        var before = _emulator.Server.State.Counters["liveramp.token.rejected"];

        var result = Connect(Write(encoding + ".json", bytes));

        Assert.Empty(result.Errors);
        Assert.Equal(Account, Assert.Single(result.Output).Properties["ClientId"].Value);
        Assert.Equal(before, _emulator.Server.State.Counters["liveramp.token.rejected"]);
    }

    [Fact]
    public void A_Latin1_file_is_refused_instead_of_sending_a_corrupted_secret()
    {
        Assert.Contains(Secret, Json(), StringComparison.Ordinal);
        var tokensBefore = _emulator.Server.State.Counters["liveramp.token"];
        var result = Connect(Write("latin1.json", Encoding.Latin1.GetBytes(Json())));

        var error = Assert.Single(result.Errors);
        Assert.Contains("not UTF-8 or UTF-16", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(tokensBefore, _emulator.Server.State.Counters["liveramp.token"]);
    }

    [Fact]
    public void A_folder_is_told_apart_from_a_missing_file()
    {
        var folder = Assert.Single(Connect(_folder).Errors);
        var missing = Assert.Single(Connect(Path.Combine(_folder, "nope.json")).Errors);

        Assert.StartsWith("PrivacyServices.LiveRamp.CredentialFileIsFolder", folder.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith("PrivacyServices.LiveRamp.CredentialFileNotFound", missing.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_text_after_the_JSON_is_refused()
    {
        var error = Assert.Single(Connect(Write("tail.json", Encoding.UTF8.GetBytes(Json(tail: "\n{\"another\": 1}")))).Errors);
        Assert.Contains("more after its JSON object", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_pasted_into_the_type_field_is_never_quoted_back()
    {
        const string pasted = "PASTED-CANARY-3e9d1f";
        var result = Connect(Write("type.json", Encoding.UTF8.GetBytes(Json(type: pasted))));

        var error = Assert.Single(result.Errors);
        Assert.Contains("\"type\"", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(pasted, result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_far_too_large_to_be_credentials_is_refused_before_it_is_read()
    {
        var error = Assert.Single(Connect(Write("huge.json", new byte[200_000])).Errors);
        Assert.StartsWith("PrivacyServices.LiveRamp.CredentialFileTooLarge", error.FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
