using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The managed-identity tests set IDENTITY_ENDPOINT/IDENTITY_HEADER, which are process-wide (and MSAL's managed-identity
/// token cache is process-wide too): every Entra ID test runs in this one collection, never in parallel with another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EntraIdCollection
{
    public const string Name = "EntraId (process environment)";
}

[Collection(EntraIdCollection.Name)]
public sealed class EntraIdTests : IClassFixture<EmulatorFixture>
{
    private const string Tenant = TestCredentials.EntraIdTenantId;
    private const string ClientId = TestCredentials.EntraIdClientId;

    /// <summary>Builds a PSCredential from $args[1] (id) and $args[2] (secret) without ConvertTo-SecureString.</summary>
    private const string CredentialScript = @"
        $secret = [securestring]::new(); foreach ($c in $args[2].ToCharArray()) { $secret.AppendChar($c) }
        $credential = [pscredential]::new($args[1], $secret)";

    private static readonly Lazy<X509Certificate2> RegisteredCertificate = new(() => TestCertificates.Create("privacyservices-entra-test"));
    private static readonly Lazy<X509Certificate2> UnregisteredCertificate = new(() => TestCertificates.Create("privacyservices-entra-stranger"));

    private readonly EmulatorFixture _emulator;

    public EntraIdTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.State.Clients.RegisterCertificate(TestCredentials.EntraIdRegistryKey(Tenant), ClientId, RegisteredCertificate.Value);
    }

    private EmulatorCounters Counters => _emulator.Server.State.Counters;

    private string TokenUri => $"{_emulator.Root}/entra/{Tenant}/oauth2/v2.0/token";

    /// <summary>A scope no other test uses, so MSAL's caches never answer from another test's token.</summary>
    private static string UniqueScope(string name) => $"api://{name}-{Guid.NewGuid():N}/.default";

    [Fact]
    public void Client_secret_connects_then_serves_from_cache_and_force_refresh_asks_Entra_again()
    {
        using var module = new HostedModule();
        var scope = UniqueScope("secret");
        var before = Counters["entra.token.secret"];

        var session = module.Run(CredentialScript + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -Scope $args[4] -PassThru",
            TokenUri, ClientId, TestCredentials.EntraIdClientSecret, Tenant, scope).Single();
        Assert.Equal(1, Counters["entra.token.secret"] - before);
        Assert.Equal("EntraId", session.Properties["Name"].Value);
        Assert.Equal(ClientId, session.Properties["ClientId"].Value);
        Assert.Null(session.Properties["ApiBaseUri"].Value);

        var cached = module.Run("Get-PrivacyToken").Single();
        Assert.Equal("Cache", cached.Properties["Source"].Value.ToString());
        Assert.Equal(1, Counters["entra.token.secret"] - before);
        var claims = (IReadOnlyDictionary<string, object?>)cached.Properties["Claims"].Value;
        Assert.Equal(scope[..^"/.default".Length], claims["aud"]);
        Assert.Equal(ClientId, claims["appid"]);
        Assert.Equal(Tenant, claims["tid"]);

        var forced = module.Run("Get-PrivacyToken -ForceRefresh").Single();
        Assert.Equal("IdentityProvider", forced.Properties["Source"].Value.ToString());
        Assert.Equal(2, Counters["entra.token.secret"] - before);
        var tokens = module.Run("(Get-PrivacyToken -AsPlainText), (Get-PrivacyToken -AsPlainText), (Get-PrivacyServiceSession).TokenRequestCount");
        Assert.Equal(tokens[0].BaseObject, tokens[1].BaseObject);
        Assert.Equal(2L, tokens[2].BaseObject);
        Assert.Equal(2, Counters["entra.token.secret"] - before);
        Assert.Equal(0, Counters["entra.unmatched"]);
    }

    [Fact]
    public void Disconnect_leaves_the_callers_credential_usable_for_the_next_connect()
    {
        using var module = new HostedModule();
        var before = Counters["entra.token.secret"];
        var output = module.Run(CredentialScript + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -Scope $args[4]
            Disconnect-PrivacyService
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -Scope $args[4] -PassThru
            $credential.GetNetworkCredential().Password.Length",
            TokenUri, ClientId, TestCredentials.EntraIdClientSecret, Tenant, UniqueScope("reconnect"));

        Assert.Equal(TestCredentials.EntraIdClientSecret.Length, output[^1].BaseObject);
        Assert.Equal(2, Counters["entra.token.secret"] - before);
    }

    [Fact]
    public void Client_secret_from_environment_variables_needs_no_parameter()
    {
        using var module = new HostedModule();
        var before = Counters["entra.token.secret"];
        using (new EnvironmentVariables(
            ("PRIVACYSERVICES_CLIENT_ID", ClientId),
            ("PRIVACYSERVICES_CLIENT_SECRET", TestCredentials.EntraIdClientSecret),
            ("PRIVACYSERVICES_TENANT_ID", Tenant)))
        {
            module.Run("Connect-PrivacyService -Provider EntraId -TokenUri $args[0] -Scope $args[1]", TokenUri, UniqueScope("environment"));
        }

        Assert.Equal(1, Counters["entra.token.secret"] - before);
        Assert.Equal(ClientId, module.Run("(Get-PrivacyServiceSession).ClientId").Single().BaseObject);
    }

    [Fact]
    public void Certificate_object_signs_an_assertion_the_emulator_verifies_then_tokens_come_from_cache()
    {
        using var module = new HostedModule();
        var before = Counters["entra.token.certificate"];
        var session = module.Run(
            "Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientId $args[2] -Certificate $args[3] -TokenUri $args[0] -Scope $args[4] -PassThru",
            TokenUri, Tenant, ClientId, RegisteredCertificate.Value, UniqueScope("certificate")).Single();
        Assert.Equal(1, Counters["entra.token.certificate"] - before);
        var settings = (IReadOnlyDictionary<string, string>)session.Properties["Settings"].Value;
        Assert.Equal("Certificate", settings["Credential"]);
        Assert.Equal(RegisteredCertificate.Value.Thumbprint, settings["CertificateThumbprint"]);

        Assert.Equal("Cache", module.Run("(Get-PrivacyToken).Source").Single().ToString());
        Assert.Equal(1, Counters["entra.token.certificate"] - before);
        Assert.Equal("IdentityProvider", module.Run("(Get-PrivacyToken -ForceRefresh).Source").Single().ToString());
        Assert.Equal(2, Counters["entra.token.certificate"] - before);
    }

    [Fact]
    public void Certificate_thumbprint_is_found_in_the_current_user_store()
    {
        var certificate = RegisteredCertificate.Value;
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        try
        {
            using var module = new HostedModule();
            var before = Counters["entra.token.certificate"];
            // Lower case and spaces, as copied from a certificate dialog.
            var thumbprint = string.Join(" ", certificate.Thumbprint.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
            module.Run(
                "Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientId $args[2] -CertificateThumbprint $args[3] -TokenUri $args[0] -Scope $args[4]",
                TokenUri, Tenant, ClientId, thumbprint, UniqueScope("thumbprint"));
            Assert.Equal(1, Counters["entra.token.certificate"] - before);
        }
        finally
        {
            store.Remove(certificate);
        }
    }

    [Fact]
    public void Certificate_path_loads_a_password_protected_pfx()
    {
        var path = Path.Combine(Path.GetTempPath(), $"privacyservices-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, RegisteredCertificate.Value.Export(X509ContentType.Pfx, "pfx-password"));
        try
        {
            using var module = new HostedModule();
            var before = Counters["entra.token.certificate"];
            module.Run(@"
                $password = [securestring]::new(); foreach ($c in 'pfx-password'.ToCharArray()) { $password.AppendChar($c) }
                Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientId $args[2] -CertificatePath $args[3] -CertificatePassword $password -TokenUri $args[0] -Scope $args[4]",
                TokenUri, Tenant, ClientId, path, UniqueScope("pfx"));
            Assert.Equal(1, Counters["entra.token.certificate"] - before);

            var wrongPassword = module.Invoke(@"
                $password = [securestring]::new(); foreach ($c in 'not-it'.ToCharArray()) { $password.AppendChar($c) }
                Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientId $args[2] -CertificatePath $args[3] -CertificatePassword $password -TokenUri $args[0] -Scope $args[4]",
                TokenUri, Tenant, ClientId, path, UniqueScope("pfx"));
            var error = Assert.Single(wrongPassword.Errors);
            Assert.Equal("PrivacyServices.Certificate.Unreadable,PrivacyServices.PowerShell.Commands.ConnectPrivacyServiceCommand", error.FullyQualifiedErrorId);
            Assert.Equal(1, Counters["entra.token.certificate"] - before);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unregistered_certificate_is_refused_with_an_authentication_error_quoting_Entra()
    {
        using var module = new HostedModule();
        var before = Counters["entra.token.certificate"];
        var result = module.Invoke(
            "Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientId $args[2] -Certificate $args[3] -TokenUri $args[0] -Scope $args[4]; Get-PrivacyServiceSession",
            TokenUri, Tenant, ClientId, UnregisteredCertificate.Value, UniqueScope("stranger"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("PrivacyServices.Token.Http401,", error.FullyQualifiedErrorId);
        Assert.Contains("AADSTS700027", error.Exception.Message);
        Assert.Equal("AADSTS700027", PSObject.AsPSObject(error.Exception).Properties["VendorCode"].Value);
        Assert.Empty(result.Output);
        Assert.Equal(1, Counters["entra.token.certificate"] - before);
    }

    [Fact]
    public void Wrong_secret_is_an_authentication_error_with_the_Entra_code_and_no_secret_in_any_stream()
    {
        const string canary = "CANARY-entra-9f2c41d7e0";
        using var module = new HostedModule();
        var before = Counters["entra.token.secret"];
        var result = module.Invoke(CredentialScript + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -Scope $args[4] -Verbose -Debug",
            TokenUri, ClientId, canary, Tenant, UniqueScope("wrong-secret"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("AADSTS7000215", error.Exception.Message);
        Assert.Contains("invalid_client", error.Exception.Message);
        Assert.Equal(1, Counters["entra.token.secret"] - before);
        Assert.NotEmpty(result.Verbose);
        Assert.DoesNotContain(canary, result.AllText());
    }

    [Fact]
    public void System_assigned_managed_identity_uses_IDENTITY_ENDPOINT_and_IDENTITY_HEADER()
    {
        using var module = new HostedModule();
        var before = Counters["msi.token.system"];
        using (ManagedIdentityEnvironment())
        {
            var session = module.Run("Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope $args[0] -PassThru", UniqueScope("system-mi")).Single();
            Assert.Equal(1, Counters["msi.token.system"] - before);
            Assert.Null(session.Properties["TokenUri"].Value);
            Assert.Equal("SystemAssignedManagedIdentity", ((IReadOnlyDictionary<string, string>)session.Properties["Settings"].Value)["Credential"]);

            var cached = module.Run("Get-PrivacyToken").Single();
            Assert.Equal("Cache", cached.Properties["Source"].Value.ToString());
            Assert.Equal(TestCredentials.SystemAssignedIdentityClientId, ((IReadOnlyDictionary<string, object?>)cached.Properties["Claims"].Value)["appid"]);
            Assert.Equal(1, Counters["msi.token.system"] - before);

            Assert.Equal("IdentityProvider", module.Run("(Get-PrivacyToken -ForceRefresh).Source").Single().ToString());
            Assert.Equal(2, Counters["msi.token.system"] - before);
        }
    }

    [Fact]
    public void User_assigned_managed_identity_is_named_by_ClientId()
    {
        using var module = new HostedModule();
        var before = Counters["msi.token.user"];
        using (ManagedIdentityEnvironment())
        {
            var token = module.Run(@"
                Connect-PrivacyService -Provider EntraId -ManagedIdentity -ClientId $args[1] -Scope $args[0]
                Get-PrivacyToken", UniqueScope("user-mi"), TestCredentials.UserAssignedIdentityClientId).Single();
            Assert.Equal(TestCredentials.UserAssignedIdentityClientId, ((IReadOnlyDictionary<string, object?>)token.Properties["Claims"].Value)["appid"]);
            Assert.Equal(1, Counters["msi.token.user"] - before);
        }
    }

    [Fact]
    public void Managed_identity_with_a_wrong_IDENTITY_HEADER_is_an_authentication_error()
    {
        using var module = new HostedModule();
        var before = Counters["msi.token"];
        using (ManagedIdentityEnvironment(header: "not-the-header"))
        {
            var result = module.Invoke("Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope $args[0]", UniqueScope("bad-header"));
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("system-assigned managed identity", error.Exception.Message);
        }

        Assert.True(Counters["msi.token"] - before >= 1);
    }

    [Theory]
    [InlineData("Connect-PrivacyService -Provider Telia -ManagedIdentity", "PrivacyServices.Connect.ParameterNotApplicable")]
    [InlineData("Connect-PrivacyService -Provider DnB -ClientId x -CertificateThumbprint 0000000000000000000000000000000000000000", "PrivacyServices.Connect.ParameterNotApplicable")]
    [InlineData("Connect-PrivacyService -Provider EntraId -ManagedIdentity", "PrivacyServices.Connect.ScopeMissing")]
    [InlineData("Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope api://a/.default, api://b/.default", "PrivacyServices.Connect.ScopeInvalid")]
    [InlineData("Connect-PrivacyService -Provider EntraId -ManagedIdentity -Scope api://a/.default -TokenUri https://login.microsoftonline.com/t/oauth2/v2.0/token", "PrivacyServices.Connect.TokenUriNotApplicable")]
    [InlineData(CredentialScript + "; Connect-PrivacyService -Provider EntraId -ClientCredential $credential -Scope api://a/.default", "PrivacyServices.Connect.TenantIdMissing")]
    [InlineData(CredentialScript + "; Connect-PrivacyService -Provider EntraId -ClientCredential $credential -Scope api://a/.default -TenantId other -TokenUri https://login.microsoftonline.us/contoso/oauth2/v2.0/token", "PrivacyServices.Connect.TenantIdInvalid")]
    [InlineData(CredentialScript + "; Connect-PrivacyService -Provider EntraId -ClientCredential $credential -Scope api://a/.default -TokenUri https://login.example.com/prefix/contoso/oauth2/v2.0/token", "PrivacyServices.Connect.TokenUriInvalid")]
    [InlineData(CredentialScript + "; Connect-PrivacyService -Provider EntraId -ClientCredential $credential -Scope api://a/.default -TokenUri https://login.example.com/contoso/oauth2/token", "PrivacyServices.Connect.TokenUriInvalid")]
    [InlineData(CredentialScript + "; Connect-PrivacyService -Provider EntraId -ClientCredential $credential -Scope api://a/.default -TokenUri http://login.example.com/contoso/oauth2/v2.0/token", "PrivacyServices.Transport.InsecureUri")]
    [InlineData("Connect-PrivacyService -Provider EntraId -TenantId t -ClientId x -CertificateThumbprint 'not a thumbprint' -Scope api://a/.default", "PrivacyServices.Certificate.InvalidThumbprint")]
    [InlineData("Connect-PrivacyService -Provider EntraId -TenantId t -ClientId x -CertificateThumbprint 00112233445566778899AABBCCDDEEFF00112233 -Scope api://a/.default", "PrivacyServices.Certificate.NotFound")]
    [InlineData("Connect-PrivacyService -Provider EntraId -TenantId t -ClientId x -CertificatePath ./no-such-file.pfx -Scope api://a/.default", "PrivacyServices.Certificate.FileNotFound")]
    [InlineData("Connect-PrivacyService -Provider EntraId -TenantId t -Scope api://a/.default", "PrivacyServices.Connect.CredentialMissing")]
    public void Incomplete_or_contradictory_EntraId_parameters_fail_before_any_request_and_name_the_parameter(string script, string errorId)
    {
        using var module = new HostedModule();
        var before = Counters["entra.token"];
        var result = module.Invoke(script, null, ClientId, "unused-secret");

        var error = Assert.Single(result.Errors);
        Assert.Equal(errorId + ",PrivacyServices.PowerShell.Commands.ConnectPrivacyServiceCommand", error.FullyQualifiedErrorId);
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.InvalidArgument, ErrorCategory.ObjectNotFound });
        Assert.Equal(0, Counters["entra.token"] - before);
    }

    [Fact]
    public void Certificate_without_private_key_is_refused_naming_the_parameter()
    {
        using var module = new HostedModule();
        var result = module.Invoke(
            "Connect-PrivacyService -Provider EntraId -TenantId $args[1] -ClientId $args[2] -Certificate $args[3] -TokenUri $args[0] -Scope api://a/.default",
            TokenUri, Tenant, ClientId, TestCertificates.PublicPart(RegisteredCertificate.Value));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivacyServices.Certificate.NoPrivateKey,", error.FullyQualifiedErrorId);
        Assert.Contains("-Certificate", error.ToString());
    }

    [Fact]
    public void Scope_and_ApiBaseUri_stand_in_for_each_other()
    {
        using var module = new HostedModule();
        var fromScope = module.Run(CredentialScript + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -Scope https://graph.microsoft.com/.default -Name graph -PassThru",
            TokenUri, ClientId, TestCredentials.EntraIdClientSecret, Tenant).Single();
        Assert.Equal(new Uri("https://graph.microsoft.com/"), fromScope.Properties["ApiBaseUri"].Value);

        var apiBase = _emulator.Root + "/entra/api";
        var token = module.Run(CredentialScript + @"
            Connect-PrivacyService -Provider EntraId -TenantId $args[3] -ClientCredential $credential -TokenUri $args[0] -ApiBaseUri $args[4] -Name api
            Get-PrivacyToken",
            TokenUri, ClientId, TestCredentials.EntraIdClientSecret, Tenant, apiBase).Single();
        Assert.Equal(new[] { _emulator.Root + "/.default" }, (IEnumerable<string>)token.Properties["Scopes"].Value);
        Assert.Equal(_emulator.Root, ((IReadOnlyDictionary<string, object?>)token.Properties["Claims"].Value)["aud"]);
    }

    private IDisposable ManagedIdentityEnvironment(string header = TestCredentials.ManagedIdentityHeader) =>
        new EnvironmentVariables(("IDENTITY_ENDPOINT", _emulator.Root + "/msi/token"), ("IDENTITY_HEADER", header));
}
