using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The behaviour every provider owes its users, run once per provider against the emulator: connect, token reuse, the
/// refresh margin, 401 → one new token, 429 with Retry-After, the vendor's request id in errors, no secret in any stream,
/// and disconnect. A new provider gets these tests by adding one <see cref="ProviderCase"/>; a test fails until it does.
/// </summary>
public sealed class ProviderConformanceTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public ProviderConformanceTests(EmulatorFixture emulator) => _emulator = emulator;

    /// <summary>One provider: how to connect to the emulator ($args[0] is its root), a read call, and where the emulator counts it.</summary>
    public sealed record ProviderCase(string Provider, string Connect, string Read, string ApiPath, string TokenCounter, string LifetimeKey, string Secret)
    {
        public override string ToString() => Provider;
    }

    private static readonly ProviderCase[] Cases =
    {
        new("Telia",
            "Connect-PrivacyService -Provider Telia -ClientCredential (New-TestCredential telia-client telia-secret) -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api') -ProjectId demo-project",
            "Invoke-PrivacyServiceRequest -Uri 'demo-project/configurations/projectInfo'", "/telia/api", "telia.token", "telia", TestCredentials.TeliaClientSecret),
        new("Adobe",
            "Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'TESTORG@AdobeOrg' -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')",
            "Invoke-PrivacyServiceRequest -Uri 'jobs?regulation=gdpr'", "/adobe/data/core/privacy", "adobe.token", "adobe", TestCredentials.AdobeClientSecret),
        new("DnB",
            "Connect-PrivacyService -Provider DnB -ClientCredential (New-TestCredential dnb-client dnb-secret) -TokenUri ($args[0] + '/dnb/as/token.oauth2') -ApiBaseUri ($args[0] + '/dnb/api') -Scope bci",
            "Invoke-PrivacyServiceRequest -Uri 'consumerintelligence/person/v2/?firstName=Ada'", "/dnb/api", "dnb.token", "dnb", TestCredentials.DnbClientSecret),
        new("LiveRamp",
            "Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential '" + TestCredentials.LiveRampAccountId + "' '" + TestCredentials.LiveRampSecretKey + "') -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')",
            "Get-ConsentFile -First 1", "/liveramp/privacy/v2", "liveramp.token", "liveramp", TestCredentials.LiveRampSecretKey),
        new("MX",
            "Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential mx-client mx-secret) -ApiBaseUri ($args[0] + '/mx') -CustomerId cust-42",
            "Invoke-PrivacyServiceRequest -Uri 'api/v4/consent_management/" + TestCredentials.MxConsentId + "'", "/mx/api/v4/consent_management", "mx.token", "mx", TestCredentials.MxClientSecret),
        new("EntraId",
            "Connect-PrivacyService -Provider EntraId -TenantId '" + TestCredentials.EntraIdTenantId + "' -ClientCredential (New-TestCredential '" + TestCredentials.EntraIdClientId + "' '" + TestCredentials.EntraIdClientSecret + "') " +
            "-TokenUri ($args[0] + '/entra/" + TestCredentials.EntraIdTenantId + "/oauth2/v2.0/token') -ApiBaseUri ($args[0] + '/entra/api') -Scope ('https://conformance-' + [guid]::NewGuid().ToString('N') + '.test/.default')",
            "Invoke-PrivacyServiceRequest -Uri 'me'", "/entra/api", "entra.token", "entra", TestCredentials.EntraIdClientSecret),
        new("Generic",
            "Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential generic-client 's3cr:t+/=&% é') -TokenUri ($args[0] + '/generic/token') -ApiBaseUri ($args[0] + '/generic/api') -Scope read",
            "Invoke-PrivacyServiceRequest -Uri 'echo'", "/generic/api", "generic.token", "generic", TestCredentials.GenericClientSecret),
    };

    public static TheoryData<ProviderCase> Providers()
    {
        var data = new TheoryData<ProviderCase>();
        foreach (var providerCase in Cases)
        {
            data.Add(providerCase);
        }

        return data;
    }

    [Fact]
    public void Every_provider_has_a_conformance_case()
    {
        using var module = new HostedModule();
        var providers = module.Run("[PrivacyServices.PrivacyProvider].GetEnumNames()").Select(p => (string)p.BaseObject).ToList();
        var covered = Cases.Select(c => c.Provider).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(providers);
        var missing = providers.Where(name => !covered.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "Add a ProviderCase for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Connect_gets_one_token_that_later_calls_reuse(ProviderCase provider)
    {
        using var module = Connected(provider, out var tokensAtConnect);
        for (var i = 0; i < 4; i++)
        {
            module.Run(provider.Read);
        }

        Assert.Equal(1, tokensAtConnect);
        Assert.Equal(0, Counter(provider.TokenCounter) - Baseline);
        Assert.Equal(1L, module.Run("(Get-PrivacyServiceSession).TokenRequestCount").Single().BaseObject);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_token_within_the_refresh_margin_is_renewed_once(ProviderCase provider)
    {
        var state = _emulator.Server.State;
        state.SetLifetime(provider.LifetimeKey, TimeSpan.FromSeconds(2));
        try
        {
            // The default margin (60 s) is capped at half the lifetime: after 1 s this token is due for renewal, not before.
            using var module = Connected(provider, out _);
            module.Run(provider.Read);
            Assert.Equal(0, Counter(provider.TokenCounter) - Baseline);
            Thread.Sleep(TimeSpan.FromMilliseconds(1300));
            module.Run(provider.Read);
            Assert.Equal(1, Counter(provider.TokenCounter) - Baseline);
        }
        finally
        {
            state.ResetLifetimes();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_401_from_the_API_gets_exactly_one_new_token_and_the_call_succeeds(ProviderCase provider)
    {
        using var module = Connected(provider, out _);
        using var fault = Inject(new FaultRule(provider.ApiPath, FaultKind.Status, 1, 401));
        var result = module.Invoke(provider.Read);
        Assert.Empty(result.Errors);
        Assert.Equal(1, Counter(provider.TokenCounter) - Baseline);
        Assert.Equal(1, Counter("faults.status.401") - fault.Before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_429_with_Retry_After_is_waited_out_and_retried(ProviderCase provider)
    {
        using var module = Connected(provider, out _);
        using var fault = Inject(new FaultRule(provider.ApiPath, FaultKind.Status, 2, 429, retryAfter: TimeSpan.Zero));
        var result = module.Invoke(provider.Read + " -Verbose");
        Assert.Empty(result.Errors);
        Assert.Equal(2, Counter("faults.status.429") - fault.Before);
        Assert.Equal(0, Counter(provider.TokenCounter) - Baseline);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_vendor_error_names_the_status_and_the_vendors_request_id(ProviderCase provider)
    {
        using var module = Connected(provider, out _);
        using var fault = Inject(new FaultRule(provider.ApiPath, FaultKind.Status, 1, 404));
        var result = module.Invoke(provider.Read);
        var error = Assert.Single(result.Errors);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("HTTP 404", error.Exception.Message, StringComparison.Ordinal);
        Assert.Matches(@"request id emulator-fault-\d+", error.Exception.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void No_secret_or_token_reaches_any_stream_even_when_calls_fail(ProviderCase provider)
    {
        using var module = Connected(provider, out _);
        var text = new System.Text.StringBuilder();
        text.AppendLine(module.Invoke(provider.Read + " -Verbose -Debug").AllText());
        using (Inject(new FaultRule(provider.ApiPath, FaultKind.Status, 5, 401)))
        {
            text.AppendLine(module.Invoke(provider.Read + " -Verbose -Debug").AllText());
        }

        text.AppendLine(module.Format("Get-PrivacyServiceSession"));
        // Format-List is not in the hosted engine: every property's value, as Format-List * would show it.
        const string EveryProperty = " | ForEach-Object { $_; $_.psobject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value } }";
        text.AppendLine(string.Join("\n", module.Run("Get-PrivacyServiceSession" + EveryProperty).Select(o => o?.ToString())));
        text.AppendLine(string.Join("\n", module.Run("Get-PrivacyToken" + EveryProperty).Select(o => o?.ToString())));
        var all = text.ToString();

        Assert.DoesNotContain(provider.Secret, all, StringComparison.Ordinal);
        foreach (var token in _emulator.Server.State.Tokens.Issued)
        {
            Assert.DoesNotContain(token, all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Disconnect_ends_the_session_for_every_later_call(ProviderCase provider)
    {
        using var module = Connected(provider, out _);
        module.Run("$global:conformance = Get-PrivacyServiceSession; Disconnect-PrivacyService");
        Assert.Empty(module.Run("Get-PrivacyServiceSession"));

        var result = module.Invoke(provider.Read + " -Session $global:conformance");
        var error = Assert.Single(result.Errors);
        Assert.Contains("Disconnected", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(0, Counter(provider.TokenCounter) - Baseline);
    }

    private long Baseline { get; set; }

    private long Counter(string key) => _emulator.Server.State.Counters[key];

    /// <summary>A runspace with the provider connected; <see cref="Baseline"/> is the token counter right after connecting.</summary>
    private HostedModule Connected(ProviderCase provider, out long tokensAtConnect)
    {
        var module = new HostedModule();
        var before = Counter(provider.TokenCounter);
        module.Run(Scripts.CredentialHelper + "\n" + provider.Connect, _emulator.Root);
        Baseline = Counter(provider.TokenCounter);
        tokensAtConnect = Baseline - before;
        return module;
    }

    private InjectedFault Inject(FaultRule rule)
    {
        var key = rule.Kind == FaultKind.Status ? $"faults.status.{rule.Status}" : "faults.injected";
        var before = Counter(key);
        _emulator.Server.State.Faults.Add(rule);
        return new InjectedFault(_emulator.Server.State.Faults, before);
    }

    private sealed record InjectedFault(FaultInjector Faults, long Before) : IDisposable
    {
        public void Dispose() => Faults.Clear();
    }
}
