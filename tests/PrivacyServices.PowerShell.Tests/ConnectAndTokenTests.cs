using System.Management.Automation;
using System.Security;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Connect-PrivacyService, Get-PrivacyToken, Get-PrivacyServiceSession and Disconnect-PrivacyService as users run them.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConnectAndTokenTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public ConnectAndTokenTests(EmulatorFixture emulator) => _emulator = emulator;

    private long Count(string key) => _emulator.Server.State.Counters[key];

    [Theory]
    [InlineData(Scripts.ConnectTelia, "Telia", "telia.token")]
    [InlineData(Scripts.ConnectDnb, "DnB", "dnb.token")]
    [InlineData(Scripts.ConnectGeneric, "Generic", "generic.token")]
    public void Connect_gets_a_first_token_and_returns_a_typed_session(string connect, string provider, string tokenCounter)
    {
        using var module = new HostedModule();
        var before = Count(tokenCounter);

        var session = Assert.Single(module.Run(connect, _emulator.Root));

        Assert.Equal("PrivacyServices.Sessions.PrivacyServiceSession", session.BaseObject.GetType().FullName);
        Assert.Equal(provider, session.Properties["Provider"].Value.ToString());
        Assert.Equal(provider, session.Properties["Name"].Value);
        Assert.Equal(1L, session.Properties["TokenRequestCount"].Value);
        Assert.Equal(1, Count(tokenCounter) - before);
    }

    [Fact]
    public void Get_PrivacyToken_reuses_the_cached_token_and_ForceRefresh_gets_a_new_one()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectDnb, _emulator.Root);
        var before = Count("dnb.token");

        var tokens = module.Run("1..100 | ForEach-Object { Get-PrivacyToken }");
        var forced = Assert.Single(module.Run("Get-PrivacyToken -ForceRefresh"));

        Assert.Equal(100, tokens.Count);
        Assert.All(tokens, t => Assert.Equal("Cache", t.Properties["Source"].Value.ToString()));
        Assert.Equal("IdentityProvider", forced.Properties["Source"].Value.ToString());
        Assert.Equal(1, Count("dnb.token") - before);
        Assert.IsType<SecureString>(tokens[0].Properties["Token"].Value);
        Assert.Equal("bci", Assert.Single(((IEnumerable<string>)tokens[0].Properties["Scopes"].Value)));
        var claims = (IReadOnlyDictionary<string, object?>)tokens[0].Properties["Claims"].Value;
        Assert.Equal("dnb-client", claims["sub"]);
    }

    [Fact]
    public void AsPlainText_returns_the_token_the_vendor_accepts()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectGeneric, _emulator.Root);

        var token = Assert.Single(module.Run("Get-PrivacyToken -AsPlainText")).BaseObject;

        var text = Assert.IsType<string>(token);
        Assert.NotNull(_emulator.Server.State.Tokens.Validate(text, "generic", "access"));
    }

    [Fact]
    public void A_wrong_secret_fails_at_connect_with_an_authentication_error_that_quotes_the_vendor_and_hides_the_secret()
    {
        const string canary = "CANARY-dnb-secret-91c2";
        using var module = new HostedModule();

        var result = module.Invoke(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider DnB -ClientCredential (New-TestCredential dnb-client $args[1]) `
                -TokenUri ($args[0] + '/dnb/as/token.oauth2') -ApiBaseUri ($args[0] + '/dnb/api') -Verbose -Debug
            @($Error) | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.ErrorDetails.RecommendedAction }
            Get-PrivacyServiceSession", _emulator.Root, canary);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("PrivacyServices.Token.Http401", error.FullyQualifiedErrorId);
        Assert.Contains("invalid_client: Bad credentials", error.Exception.Message);
        Assert.DoesNotContain(canary, result.AllText());
        Assert.DoesNotContain(result.Output, o => o.BaseObject.GetType().Name == "PrivacyServiceSession");
    }

    [Theory]
    [InlineData("generic-client", "'s3cr:t+/=&% é'", "Basic", "generic.token.auth.basic")]
    [InlineData("generic-client", "'s3cr:t+/=&% é'", "Body", "generic.token.auth.body")]
    [InlineData("generic-public", "''", "Basic", "generic.token.auth.body")]
    public void Generic_password_grant_gets_a_token_for_the_user_through_a_confidential_or_public_client(string clientId, string clientSecret, string clientAuthentication, string authCounter)
    {
        using var module = new HostedModule();
        var grantsBefore = Count("generic.token.password");
        var authBefore = Count(authCounter);

        var result = module.Run(Scripts.CredentialHelper + $@"
            Connect-PrivacyService -Provider Generic -UserCredential (New-TestCredential generic-user user-pass) `
                -ClientCredential (New-TestCredential {clientId} {clientSecret}) -ClientAuthentication {clientAuthentication} `
                -TokenUri ($args[0] + '/generic/token') -ApiBaseUri ($args[0] + '/generic/api') -Scope read
            (Get-PrivacyToken).Claims['sub']
            (Invoke-PrivacyServiceRequest -Uri echo).subject", _emulator.Root);

        Assert.Equal(new object[] { "generic-user", "generic-user" }, result.Select(o => o.BaseObject));
        Assert.Equal(1, Count("generic.token.password") - grantsBefore);
        Assert.Equal(1, Count(authCounter) - authBefore);
    }

    [Fact]
    public void A_wrong_user_password_fails_at_connect_as_an_authentication_error_without_the_password()
    {
        using var module = new HostedModule();

        var result = module.Invoke(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider Generic -UserCredential (New-TestCredential generic-user $args[1]) `
                -ClientCredential (New-TestCredential generic-public '') -TokenUri ($args[0] + '/generic/token') -Verbose", _emulator.Root, "CANARY-user-pass-5d1");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("invalid_grant", error.Exception.Message);
        Assert.Contains(result.Verbose, v => v.Contains("password grant"));
        Assert.DoesNotContain("CANARY-user-pass-5d1", result.AllText());
    }

    [Fact]
    public void UserCredential_is_refused_for_providers_without_a_password_grant()
    {
        using var module = new HostedModule();

        var error = Assert.Single(module.Invoke(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider DnB -UserCredential (New-TestCredential u p) -ClientCredential (New-TestCredential dnb-client dnb-secret) `
                -TokenUri ($args[0] + '/dnb/as/token.oauth2')", _emulator.Root).Errors);

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-UserCredential", error.ToString());
    }

    [Fact]
    public void An_api_cmdlet_without_a_session_says_to_run_Connect_PrivacyService()
    {
        using var module = new HostedModule();

        var result = module.Invoke("Get-ProjectInfo -ProjectId demo-project");

        var error = Assert.Single(result.Errors);
        Assert.Equal("PrivacyServices.Session.NotConnected,PrivacyServices.PowerShell.Commands.GetProjectInfoCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-PrivacyService", error.ToString());
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_session_of_another_provider_is_refused_by_name()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectDnb, _emulator.Root);

        var error = Assert.Single(module.Invoke("Get-ProjectInfo -ProjectId demo-project").Errors);

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Telia", error.ToString());
        Assert.Contains("DnB", error.ToString());
    }

    [Fact]
    public void Sessions_are_listed_by_name_and_Disconnect_removes_the_default_and_the_previous_session_takes_over()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectDnb.Replace("-PassThru", "-Name first"), _emulator.Root);
        module.Run(Scripts.ConnectGeneric.Replace("-PassThru", "-Name second"), _emulator.Root);

        var all = module.Run("Get-PrivacyServiceSession");
        var matched = module.Run("Get-PrivacyServiceSession -Name sec*");
        var defaultName = module.Run("(Get-PrivacyServiceSession -Default).Name");
        var afterDisconnect = module.Invoke("$s = Get-PrivacyServiceSession -Default; Disconnect-PrivacyService; $s.IsConnected; Get-PrivacyServiceSession; (Get-PrivacyToken).SessionName");
        var afterBoth = module.Invoke("Disconnect-PrivacyService; @(Get-PrivacyServiceSession).Count; Get-PrivacyToken");

        Assert.Equal(new[] { "first", "second" }, all.Select(s => s.Properties["Name"].Value));
        Assert.Equal("second", Assert.Single(matched).Properties["Name"].Value);
        Assert.Equal("second", Assert.Single(defaultName).BaseObject);
        Assert.Equal(false, afterDisconnect.Output[0].BaseObject);
        Assert.Equal("first", afterDisconnect.Output[1].Properties["Name"].Value);
        Assert.Equal("first", afterDisconnect.Output[2].BaseObject); // the earlier session is the default again
        Assert.Empty(afterDisconnect.Errors);
        Assert.Equal(0, afterBoth.Output[0].BaseObject);
        Assert.Contains("Connect-PrivacyService", Assert.Single(afterBoth.Errors).ToString());
    }

    [Fact]
    public void A_disconnected_session_handed_around_refuses_to_work_and_says_to_connect_again()
    {
        using var module = new HostedModule();
        var before = Count("dnb.token");

        var result = module.Invoke(Scripts.ConnectDnb + @" | Out-Null
            $s = Get-PrivacyServiceSession -Default
            Disconnect-PrivacyService -Session $s
            Get-PrivacyToken -Session $s
            Invoke-PrivacyServiceRequest -Session $s -Uri 'consumerintelligence/person/v2/'", _emulator.Root);

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("PrivacyServices.Session.Disconnected", e.FullyQualifiedErrorId));
        Assert.Contains("Connect-PrivacyService", result.Errors[0].ToString());
        Assert.Equal(1, Count("dnb.token") - before);
    }

    [Fact]
    public void Environment_variables_supply_the_client_credential_when_no_parameter_does()
    {
        using var module = new HostedModule();
        var before = Count("dnb.token");

        var session = module.Run(@"
            $env:PRIVACYSERVICES_CLIENT_ID = 'dnb-client'; $env:PRIVACYSERVICES_CLIENT_SECRET = 'dnb-secret'
            try { Connect-PrivacyService -Provider DnB -TokenUri ($args[0] + '/dnb/as/token.oauth2') -ApiBaseUri ($args[0] + '/dnb/api') -PassThru }
            finally { [Environment]::SetEnvironmentVariable('PRIVACYSERVICES_CLIENT_ID', $null); [Environment]::SetEnvironmentVariable('PRIVACYSERVICES_CLIENT_SECRET', $null) }", _emulator.Root);

        Assert.Equal("dnb-client", Assert.Single(session).Properties["ClientId"].Value);
        Assert.Equal(1, Count("dnb.token") - before);
    }

    [Fact]
    public void No_credential_at_all_fails_fast_without_prompting_and_names_the_parameter()
    {
        using var module = new HostedModule();

        var error = Assert.Single(module.Invoke("Connect-PrivacyService -Provider DnB -TokenUri ($args[0] + '/dnb/as/token.oauth2') -ApiBaseUri ($args[0] + '/dnb/api')", _emulator.Root).Errors);

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-ClientCredential", error.ToString());
        Assert.Contains("PRIVACYSERVICES_CLIENT_SECRET", error.ToString());
    }

    [Fact]
    public void A_plain_http_token_uri_off_loopback_is_refused_with_the_reason()
    {
        using var module = new HostedModule();

        var error = Assert.Single(module.Invoke(Scripts.CredentialHelper + "Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential a b) -TokenUri http://login.example.com/token").Errors);

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("HTTPS", error.ToString());
    }

    [Fact]
    public void A_bring_your_own_access_token_session_uses_that_token_and_never_calls_a_token_endpoint()
    {
        using var module = new HostedModule();
        var token = _emulator.Server.State.Tokens.Issue("telia", "telia-client", "access", TimeSpan.FromMinutes(5));
        var before = Count("telia.token");

        var info = module.Run(@"
            $t = [securestring]::new(); foreach ($c in $args[1].ToCharArray()) { $t.AppendChar($c) }
            Connect-PrivacyService -Provider Telia -AccessToken $t -ApiBaseUri ($args[0] + '/telia/api') -ProjectId demo-project
            Get-ProjectInfo", _emulator.Root, token);

        Assert.Equal("demo-project", Assert.Single(info).Properties["ProjectId"].Value);
        Assert.Equal(0, Count("telia.token") - before);
    }

    [Fact]
    public void Session_and_token_views_and_ToString_show_no_secret()
    {
        using var module = new HostedModule();
        module.Run(Scripts.ConnectGeneric, _emulator.Root);
        var plain = (string)module.Run("Get-PrivacyToken -AsPlainText")[0].BaseObject;

        var text = module.Format("Get-PrivacyServiceSession") + module.Format("Get-PrivacyToken")
            + string.Join("\n", module.Run("(Get-PrivacyToken).ToString(); (Get-PrivacyServiceSession).ToString(); Get-PrivacyServiceSession | ForEach-Object { $_.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" } }; Get-PrivacyToken | ForEach-Object { $_.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" } }"));

        Assert.Contains("generic-client", text);
        Assert.Contains("TokenExpiresOn", text);
        Assert.Contains("IdentityProvider", module.Format("Get-PrivacyToken -ForceRefresh"));
        Assert.DoesNotContain(plain, text);
        Assert.DoesNotContain("s3cr:t+/=&% é", text);
    }
}
